// Validates every object of every rendered manifest file against the Kubernetes API schemas shipped in
// the npm packages kubernetes-models (core groups) and @kubernetes-models/keda (KEDA CRDs), offline.
// Those schemas accept unknown fields, so built-in kinds are also walked against the field lists of
// @kubernetes/client-node's generated models (OpenAPI release-1.36): a misspelt field fails.
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

// Unknown-field check for built-in kinds: "apps/v1" Deployment -> model V1Deployment, and so on down.
const modelDir = new URL('./node_modules/@kubernetes/client-node/dist/gen/models/', import.meta.url);
const PRIMITIVE = new Set(['string', 'number', 'boolean', 'Date', 'any', 'object', 'IntOrString']);
const typeMaps = new Map();

async function attributes(type) {
  if (!typeMaps.has(type)) {
    const module = await import(new URL(`${type}.js`, modelDir));
    typeMaps.set(type, module[type].getAttributeTypeMap());
  }
  return typeMaps.get(type);
}

async function unknownFields(value, type, path, out) {
  if (value == null || PRIMITIVE.has(type)) return;
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (!Array.isArray(value)) { out.push(`${path}: expected a list`); return; }
    for (let i = 0; i < value.length; i++) await unknownFields(value[i], array[1], `${path}[${i}]`, out);
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    for (const [k, v] of Object.entries(value)) await unknownFields(v, map[1], `${path}.${k}`, out);
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) { out.push(`${path}: expected an object (${type})`); return; }
  const attrs = await attributes(type);
  for (const [k, v] of Object.entries(value)) {
    const attr = attrs.find((a) => a.baseName === k);
    if (!attr) out.push(`${path}.${k}: unknown field of ${type}`);
    else await unknownFields(v, attr.type, `${path}.${k}`, out);
  }
}

function builtInModel(apiVersion, kind) {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  if (group.includes('.') && !group.endsWith('.k8s.io')) return null; // CRDs
  const version = apiVersion.slice(slash + 1);
  return version[0].toUpperCase() + version.slice(1) + kind;
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
      const builtIn = builtInModel(obj.apiVersion, obj.kind);
      if (builtIn) {
        const unknown = [];
        await unknownFields(obj, builtIn, obj.kind, unknown);
        if (unknown.length) throw new Error(unknown.join('; '));
      }
      console.log(`ok   ${file}: ${id}`);
    } catch (e) {
      console.error(`FAIL ${file}: ${id}: ${e.message}`);
      failures++;
    }
  }
}
console.log(`${objects - failures} passed, ${failures} failed`);
process.exit(failures === 0 && objects > 0 ? 0 : 1);
