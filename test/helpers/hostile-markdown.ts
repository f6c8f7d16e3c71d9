/**
 * Hostile markdown: what an attacker would type into a job description, a post or a comment to run
 * script in the careers page or in a member's browser. Every payload that could run calls
 * `__xss.push(...)` (or `alert`, which the browser test redirects there), so a test that installs
 * `window.__xss = []` sees any execution. Shared by the server test (no active link, no HTML in the
 * tree) and the browser test (nothing runs, nothing active in the DOM).
 */
export interface HostilePayload {
  name: string;
  md: string;
  /** Text the reader must still see (the payload shown as the literal text it is), when it matters. */
  shows?: string;
}

const js = (n: number) => `__xss.push(${n})`;
const b64 = (s: string) => btoa(s);

export const hostileMarkdown: HostilePayload[] = [
  // Raw HTML, block and inline
  { name: 'script tag', md: `<script>${js(1)}</script>`, shows: `<script>${js(1)}</script>` },
  { name: 'script with data: src', md: `<script src="data:text/javascript,${js(2)}"></script>` },
  { name: 'img onerror (block)', md: `<img src=x onerror=${js(3)}>`, shows: '<img src=x onerror=' },
  { name: 'img onerror (inline)', md: `hello <img src="x" onerror="${js(4)}"> world`, shows: 'hello <img src="x"' },
  { name: 'svg onload', md: `<svg onload=${js(5)}>` },
  { name: 'svg script', md: `<svg><script>${js(6)}</script></svg>` },
  { name: 'iframe javascript: src', md: `<iframe src="javascript:${js(7)}"></iframe>` },
  { name: 'iframe srcdoc', md: `<iframe srcdoc="<script>parent.${js(8)}</script>"></iframe>` },
  { name: 'html a javascript: href', md: `<a href="javascript:${js(9)}">click</a>`, shows: 'click' },
  { name: 'object data', md: `<object data="javascript:${js(10)}"></object>` },
  { name: 'embed src', md: `<embed src="javascript:${js(11)}">` },
  { name: 'mathml mXSS', md: `<math><mtext><table><mglyph><style><img src=x onerror=${js(12)}>` },
  { name: 'style @import', md: `<style>@import 'javascript:${js(13)}';</style>` },
  { name: 'style background url', md: `<style>*{background:url("javascript:${js(14)}")}</style>` },
  { name: 'inline style attribute', md: `<div style="background:url(javascript:${js(15)})">x</div>` },
  { name: 'details ontoggle', md: `<details open ontoggle=${js(16)}>` },
  { name: 'body onload', md: `<body onload=${js(17)}>` },
  { name: 'input autofocus onfocus', md: `<input autofocus onfocus=${js(18)}>` },
  { name: 'video source onerror', md: `<video><source onerror=${js(19)}></video>` },
  { name: 'marquee onstart', md: `<marquee onstart=${js(20)}>x</marquee>` },
  { name: 'form action', md: `<form action="javascript:${js(21)}"><button>x</button></form>` },
  { name: 'base href', md: `<base href="javascript:${js(22)}//">` },
  { name: 'meta refresh', md: `<meta http-equiv="refresh" content="0;url=javascript:${js(23)}">` },
  { name: 'html comment', md: `<!-- <img src=x onerror=${js(24)}> -->` },
  { name: 'CDATA', md: `<![CDATA[<img src=x onerror=${js(25)}>]]>` },
  { name: 'div onmouseover', md: `<div onmouseover="${js(26)}">hover</div>` },
  { name: 'a with onmouseover and safe href', md: `<a href="https://ok.example" onmouseover="${js(27)}">ok</a>` },
  { name: 'custom tag onmouseover', md: `<x onmouseover=${js(28)}>hover</x>` },
  { name: 'html a with &colon;', md: `<a href=javascript&colon;${js(29)}>x</a>` },
  { name: 'img onerror eval', md: '<img src=x:alert(1) onerror=eval(src)>' },
  { name: 'link stylesheet', md: `<link rel=stylesheet href="javascript:${js(31)}">` },
  { name: 'template', md: `<template><img src=x onerror=${js(32)}></template>` },
  { name: 'noscript breakout', md: `<noscript><p title="</noscript><img src=x onerror=${js(33)}>">` },
  { name: 'svg xlink:href', md: `<svg><a xlink:href="javascript:${js(34)}"><text x="20" y="20">x</text></a></svg>` },
  { name: 'math href', md: `<math href="javascript:${js(35)}">x</math>` },
  { name: 'fixed overlay with handler (CSS injection)', md: `<span style="position:fixed;inset:0" onmouseover=${js(36)}>x</span>` },

  // Markdown inline links with script schemes
  { name: 'javascript: link', md: `[x](javascript:${js(40)})`, shows: 'x' },
  { name: 'mixed-case scheme', md: `[x](JaVaScRiPt:${js(41)})` },
  { name: 'upper-case scheme', md: `[x](JAVASCRIPT:${js(42)})` },
  { name: 'tab inside scheme (pointy)', md: `[x](<java\tscript:${js(43)}>)` },
  { name: 'tab entity inside scheme', md: `[x](java&#9;script:${js(44)})` },
  { name: 'hex tab entity inside scheme', md: `[x](java&#x09;script:${js(45)})` },
  { name: 'newline entity before scheme', md: `[x](&#x0A;javascript:${js(46)})` },
  { name: 'decimal entity j', md: `[x](&#106;avascript:${js(47)})` },
  { name: 'hex entity j', md: `[x](&#x6A;avascript:${js(48)})` },
  { name: 'zero-padded entity', md: `[x](&#0000106;avascript:${js(49)})` },
  { name: '&colon; entity', md: `[x](javascript&colon;${js(50)})` },
  { name: 'decimal entity colon', md: `[x](javascript&#58;${js(51)})` },
  { name: 'percent-encoded j', md: `[x](%6Aavascript:${js(52)})` },
  { name: 'data: text/html base64', md: `[x](data:text/html;base64,${b64(`<script>${js(53)}</script>`)})` },
  { name: 'data: text/html', md: `[x](data:text/html,%3Cscript%3E${js(54)}%3C/script%3E)` },
  { name: 'vbscript:', md: '[x](vbscript:msgbox(55))' },
  { name: 'leading spaces', md: `[x](   javascript:${js(56)})` },
  { name: 'leading newline', md: `[x](\njavascript:${js(57)})` },
  { name: 'pointy destination', md: `[x](<javascript:alert(1)>)` },
  { name: 'pointy with leading space', md: `[x](< javascript:${js(58)}>)` },
  { name: 'javascript:// comment trick', md: `[x](javascript://%0a${js(59)})` },
  { name: 'backslash-escaped first letter', md: `[x](\\javascript:${js(60)})` },
  { name: 'with title', md: `[x](javascript:${js(61)} "title")` },
  { name: 'zero-width space in scheme', md: `[x](java\u200Bscript:${js(62)})` },
  { name: 'RTL override before scheme', md: `[x](\u202Ejavascript:${js(63)})` },
  { name: 'control character before scheme', md: `[x](\u0001javascript:${js(64)})` },
  { name: 'NUL inside scheme', md: `[x](java\u0000script:${js(65)})` },
  { name: 'full-width letters', md: `[x](ｊａｖａｓｃｒｉｐｔ:${js(66)})` },
  { name: 'no-break space before scheme', md: `[x](<\u00A0javascript:${js(67)}>)` },

  // Autolinks, reference links, titles
  { name: 'autolink javascript:', md: `<javascript:${js(70)}>`, shows: `javascript:${js(70)}` },
  { name: 'autolink upper-case', md: `<JAVASCRIPT:${js(71)}>` },
  { name: 'autolink vbscript:', md: '<vbscript:msgbox(72)>' },
  { name: 'autolink data:', md: `<data:text/html;base64,${b64(`<script>${js(73)}</script>`)}>` },
  { name: 'bare javascript: text', md: `javascript:${js(74)}` },
  { name: 'full reference', md: `[x][r]\n\n[r]: javascript:${js(75)}` },
  { name: 'reference with title', md: `[x][r]\n\n[r]: javascript:${js(76)} "title"` },
  { name: 'collapsed and shortcut reference', md: `[r][] and [r]\n\n[r]: <javascript:${js(77)}>` },
  { name: 'reference with entity scheme', md: `[x][r]\n\n[r]: &#x6A;avascript:${js(78)}` },
  { name: 'title breaking out with "', md: `[x](https://ok.example "\\" onmouseover=\\"${js(79)}")` },
  { name: "title breaking out with '", md: `[x](https://ok.example 'x\\' onmouseover=${js(80)} ')` },
  { name: 'href breaking out with "', md: `[x](https://ok.example/"onmouseover="${js(81)})` },
  { name: 'pointy href with quotes and spaces', md: `[x](<https://ok.example/#" onmouseover="${js(82)}>)` },
  { name: 'mailto with quote', md: `[x](mailto:a@example.com"onmouseover="${js(83)})` },
  { name: 'www autolink with quote', md: `www.example.com/"onmouseover="${js(84)}` },
  { name: 'https URL with script', md: `https://example.com/<script>${js(85)}</script>` },

  // Images, nesting, code, entities
  { name: 'image javascript:', md: `![alt](javascript:${js(90)})`, shows: 'alt' },
  { name: 'image alt breaking out', md: `![x" onerror="${js(91)}](x)` },
  { name: 'image svg data:', md: `![x](data:image/svg+xml;base64,${b64(`<svg onload="${js(92)}"/>`)})` },
  { name: 'link inside link label', md: `[[x](javascript:${js(93)})](https://ok.example)` },
  { name: 'nested brackets', md: `[[[x]]](javascript:${js(94)})` },
  { name: 'good then bad link', md: `[ok](https://ok.example)[y](javascript:${js(95)})` },
  { name: 'html link inside markdown link', md: `[<a href="javascript:${js(96)}">y</a>](https://ok.example)` },
  { name: 'image inside link', md: `[![a](javascript:${js(97)})](javascript:${js(97)})` },
  { name: 'inline code with script', md: `\`<script>${js(98)}</script>\``, shows: `<script>${js(98)}</script>` },
  { name: 'code fence info string', md: `\`\`\`"><img src=x onerror=${js(99)}>\ncode\n\`\`\`` },
  { name: 'code fence javascript: language', md: `\`\`\`javascript:${js(100)}\ncode\n\`\`\`` },
  { name: 'heading with img', md: `# <img src=x onerror=${js(101)}>` },
  { name: 'blockquote with script', md: `> <script>${js(102)}</script>` },
  { name: 'list item with svg', md: `- <svg onload=${js(103)}>` },
  { name: 'emphasis around img', md: `*<img src=x onerror=${js(104)}>*` },
  { name: 'entity-encoded script', md: `&lt;script&gt;${js(105)}&lt;/script&gt;`, shows: `<script>${js(105)}</script>` },
  { name: 'double-encoded img', md: `&amp;lt;img src=x onerror=${js(106)}&amp;gt;` },
  { name: 'zero-width joiners in tag', md: `<scr\u200Dipt>${js(107)}</scr\u200Dipt>` },
  { name: 'RTL override label', md: `[\u202Egnp.exe](javascript:${js(108)})` },
  { name: 'html block then markdown', md: `<div>\n\n[x](javascript:${js(109)})\n\n</div>` },
];
