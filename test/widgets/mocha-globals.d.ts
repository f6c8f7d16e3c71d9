// Mocha's globals, as the widget tests use them: web-test-runner runs mocha in the browser, and
// @types/mocha is not a dependency. (Server tests import describe/it from node:test instead.)
type MochaBody = () => void | Promise<unknown>;

interface MochaIt {
  (title: string, fn: MochaBody): void;
  only(title: string, fn: MochaBody): void;
  skip(title: string, fn?: MochaBody): void;
}

interface MochaDescribe {
  (title: string, fn: () => void): void;
  only(title: string, fn: () => void): void;
  skip(title: string, fn: () => void): void;
}

declare const describe: MochaDescribe;
declare const it: MochaIt;
declare function before(fn: MochaBody): void;
declare function after(fn: MochaBody): void;
declare function beforeEach(fn: MochaBody): void;
declare function afterEach(fn: MochaBody): void;
