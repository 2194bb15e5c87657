// Entry point of each wasm pthread (a Node worker thread) of the threaded tfjs wasm backend.
// tfjs ships this worker only as a string for a browser blob: URL, which a Node worker cannot load; run it
// here instead, with the globals it expects from a CommonJS scope. The backslash-n escaping is tfjs's own.
const { wasmWorkerContents } = require('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js');

global.require = require;
global.__filename = require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
(0, eval)(wasmWorkerContents.replace(/\n/g, '\\n'));
