// Lints the Dockerfiles with dockerfile-utils (every diagnostic, warning or error, fails) and checks them
// against a built project: every COPY source from the build context exists, and every jar glob a RUN
// step reads from a copied folder matches a file of that folder.
// Usage: node lint-dockerfiles.mjs <repository root> <Dockerfile>...
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { validate } from 'dockerfile-utils';

const [root, ...dockerfiles] = process.argv.slice(2);
if (!root || dockerfiles.length === 0) {
  console.error('usage: node lint-dockerfiles.mjs <repo-root> <Dockerfile>...');
  process.exit(2);
}

// "a/b/c*.jar" -> files of a/b matching c*.jar (one level of globbing is all the Dockerfiles use).
function globMatches(path) {
  const dir = posix.dirname(path);
  const pattern = new RegExp('^' + posix.basename(path).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$');
  const abs = join(root, dir);
  return existsSync(abs) ? readdirSync(abs).filter((f) => pattern.test(f)) : [];
}

// Joins continuation lines and drops comments, keeping the line number an instruction starts on.
function instructions(text) {
  const out = [];
  let current = null;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (current === null && (/^\s*#/.test(line) || /^\s*$/.test(line))) return;
    if (current !== null && /^\s*#/.test(line)) return;
    const cont = line.endsWith('\\');
    const body = cont ? line.slice(0, -1) : line;
    if (current === null) current = { line: i + 1, text: body };
    else current.text += ' ' + body.trim();
    if (!cont) { out.push(current); current = null; }
  });
  if (current) out.push(current);
  return out;
}

let failures = 0;
let checks = 0;
function check(ok, message) {
  checks++;
  if (!ok) { failures++; console.error(`FAIL ${message}`); }
  else console.log(`ok   ${message}`);
}

for (const file of dockerfiles) {
  const text = readFileSync(file, 'utf8');
  const diagnostics = validate(text);
  for (const d of diagnostics) {
    console.error(`  ${file}:${d.range.start.line + 1}: ${d.message}`);
  }
  check(diagnostics.length === 0, `${file}: dockerfile-utils reports ${diagnostics.length} problem(s)`);

  // Sources copied from the build context (COPY without --from) in each stage, keyed by destination.
  const copied = new Map();
  for (const ins of instructions(text)) {
    const [word, ...args] = ins.text.trim().split(/\s+/);
    const op = word.toUpperCase();
    if (op === 'FROM') copied.clear();
    if (op === 'COPY' || op === 'ADD') {
      if (args.some((a) => a.startsWith('--from='))) continue;
      const paths = args.filter((a) => !a.startsWith('--'));
      const dest = paths.pop();
      for (const src of paths) {
        check(existsSync(join(root, src)), `${file}:${ins.line}: ${op} source ${src} exists`);
        copied.set(dest.replace(/\/?$/, '/'), src.replace(/\/?$/, '/'));
      }
    }
    if (op === 'RUN') {
      for (const [dest, src] of copied) {
        const refs = ins.text.match(new RegExp(dest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '[^\\s"\')]*\\*[^\\s"\')]*', 'g')) ?? [];
        for (const ref of refs) {
          const inContext = src + ref.slice(dest.length);
          check(globMatches(inContext).length === 1, `${file}:${ins.line}: ${ref} matches one file of ${posix.dirname(inContext)}`);
        }
      }
    }
  }
}
console.log(`${checks - failures} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
