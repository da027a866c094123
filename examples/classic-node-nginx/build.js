// `npm run build`: renders src/index.html into dist/, stamping the Node.js version that ran, so
// the served page proves the first stage really ran.
const fs = require('fs');
const path = require('path');

const source = fs.readFileSync(path.join(__dirname, 'src', 'index.html'), 'utf8');
const out = path.join(__dirname, 'dist');
fs.mkdirSync(out, { recursive: true });
const page = source.replace('{{node}}', process.version).replace('{{built}}', new Date().toISOString());
fs.writeFileSync(path.join(out, 'index.html'), page);
console.log(`dist/index.html: ${page.length} bytes, Node.js ${process.version}`);
