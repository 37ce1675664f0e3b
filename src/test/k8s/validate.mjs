// Validates every object of every rendered manifest file against the Kubernetes API schemas shipped in
// the npm packages kubernetes-models (core groups) and @kubernetes-models/keda (KEDA CRDs), offline.
// Usage: node validate.mjs <dir with *.yaml rendered by kustomize>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node validate.mjs <rendered-dir>');
  process.exit(2);
}

// apiVersion group -> package holding its models; "v1" (core) has no group.
const packages = { 'keda.sh': '@kubernetes-models/keda' };

async function modelClass(apiVersion, kind) {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const pkg = packages[group] ?? 'kubernetes-models';
  const module = await import(`${pkg}/${apiVersion}/${kind}`);
  const cls = module[kind];
  if (typeof cls !== 'function') throw new Error(`${pkg} has no model ${apiVersion} ${kind}`);
  return cls;
}

let objects = 0;
let failures = 0;
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
if (files.length === 0) {
  console.error(`no rendered manifests in ${dir}`);
  process.exit(1);
}
for (const file of files) {
  const seen = new Set();
  const docs = parseAllDocuments(readFileSync(join(dir, file), 'utf8'));
  for (const doc of docs) {
    if (doc.errors.length) {
      console.error(`FAIL ${file}: YAML error ${doc.errors[0].message}`);
      failures++;
      continue;
    }
    const obj = doc.toJS();
    if (obj == null) continue;
    const id = `${obj.apiVersion} ${obj.kind} ${obj.metadata?.namespace ?? ''}/${obj.metadata?.name}`;
    objects++;
    if (seen.has(id)) {
      console.error(`FAIL ${file}: duplicate object ${id}`);
      failures++;
    }
    seen.add(id);
    try {
      const Model = await modelClass(obj.apiVersion, obj.kind);
      new Model(obj).validate();
      console.log(`ok   ${file}: ${id}`);
    } catch (e) {
      console.error(`FAIL ${file}: ${id}: ${e.message}`);
      failures++;
    }
  }
}
console.log(`${objects - failures} passed, ${failures} failed`);
process.exit(failures === 0 && objects > 0 ? 0 : 1);
