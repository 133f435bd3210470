// One-off: split a test file at its top-level describe() blocks into files of at most ~300 lines.
// usage: node split-tests.mjs file.test.ts name2 [name3 ...]  (names of the extra files, without .test.ts)
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const [file, ...names] = process.argv.slice(2);
const src = fs.readFileSync(file, 'utf8');
const sf = ts.createSourceFile(file, src, ts.ScriptTarget.Latest, true);
const header = src.slice(0, sf.statements[0].getStart(sf)); // leading comment
const imports = [], preamble = [], describes = [];
for (const st of sf.statements) {
  const text = src.slice(st.getFullStart(), st.getEnd()).replace(/^\n+/, '');
  if (ts.isImportDeclaration(st)) imports.push({ st, text: st.getText(sf) });
  else if (ts.isExpressionStatement(st) && ts.isCallExpression(st.expression) && ts.isIdentifier(st.expression.expression) && st.expression.expression.text === 'describe')
    describes.push(text);
  else preamble.push(text);
}
const lines = (s) => s.split('\n').length;
const base = header.split('\n').length + imports.length + 2 + preamble.reduce((n, p) => n + lines(p) + 1, 0);
const groups = [];
let cur = [], size = base;
for (const d of describes) {
  if (cur.length && size + lines(d) + 1 > 300 && groups.length < names.length) { groups.push(cur); cur = []; size = base; }
  cur.push(d); size += lines(d) + 1;
}
groups.push(cur);
const dir = path.dirname(file);
const outNames = [path.basename(file), ...names.map((n) => `${n}.test.ts`)];
groups.forEach((g, i) => {
  let body = preamble.join('\n\n') + '\n\n' + g.join('\n\n') + '\n';
  // drop top-level function/const declarations nobody uses (repeat: one may use another)
  for (let pass = 0; pass < 5; pass++) {
    const f = ts.createSourceFile('x.ts', body, ts.ScriptTarget.Latest, true);
    let changed = false;
    for (const st of f.statements) {
      let name = null;
      if (ts.isFunctionDeclaration(st) && st.name) name = st.name.text;
      if (ts.isVariableStatement(st) && st.declarationList.declarations.length === 1 && ts.isIdentifier(st.declarationList.declarations[0].name) && (st.declarationList.flags & ts.NodeFlags.Const)) name = st.declarationList.declarations[0].name.text;
      if (!name) continue;
      const uses = body.match(new RegExp(`\\b${name}\\b`, 'g')).length;
      if (uses <= 1) { body = body.slice(0, st.getFullStart()) + body.slice(st.getEnd()); changed = true; break; }
    }
    if (!changed) break;
  }
  const used = new Set(body.match(/[A-Za-z_$][\w$]*/g));
  const imps = imports.map(({ st, text }) => {
    const nb = st.importClause?.namedBindings;
    if (!nb || !ts.isNamedImports(nb)) return text;
    const keep = nb.elements.filter((e) => used.has(e.name.text)).map((e) => e.getText(sf));
    if (!keep.length) return null;
    const typeOnly = st.importClause.isTypeOnly ? 'type ' : '';
    return `import ${typeOnly}{ ${keep.join(', ')} } from ${st.moduleSpecifier.getText(sf)};`;
  }).filter(Boolean);
  const head = i === 0 ? header : header.replace(/\n*$/, '\n') ;
  fs.writeFileSync(path.join(dir, outNames[i]), head + imps.join('\n') + '\n\n' + body.replace(/\n{3,}/g, '\n\n'));
  console.log(outNames[i], g.length, 'describe(s)');
});
