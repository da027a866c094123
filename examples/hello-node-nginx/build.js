// Renders dist/index.html. The page names the Node.js version that rendered it, so whoever
// reads it can tell the first stage really ran.
const fs = require('fs');
const path = require('path');

const out = path.join(__dirname, 'dist');
fs.mkdirSync(out, { recursive: true });
const html = `<!doctype html>
<html>
  <head><meta charset="utf-8"><title>hello-node-nginx</title></head>
  <body>
    <h1>Hello from Stagefarm</h1>
    <p>Rendered by Node.js ${process.version} in the first stage, served by nginx in the second.</p>
  </body>
</html>
`;
fs.writeFileSync(path.join(out, 'index.html'), html);
console.log(`wrote ${path.join(out, 'index.html')} (${html.length} bytes) with Node.js ${process.version}`);
