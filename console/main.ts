// The console bundle's entry: the shell and every page register themselves.
import './console.js';
