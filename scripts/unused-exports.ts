/**
 * `node bin/run.mjs scripts/unused-exports.ts`: lists every export that no other file imports (by the
 * TypeScript checker: named, namespace and dynamic imports, re-exports), one `file<TAB>name` a line.
 * Route-file conventions (GET, POST, default, metadata, …) and instrumentation's register are skipped.
 * Exit 1 when any is found. A report for tidying up, not run by the tests.
 */
import path from "node:path";
import ts from "typescript";

const root = process.cwd();
const parsed = ts.getParsedCommandLineOfConfigFile(path.join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
if (!parsed) throw new Error("tsconfig.json could not be read");
const program = ts.createProgram(parsed.fileNames, { ...parsed.options, noEmit: true });
const checker = program.getTypeChecker();
const ours = program.getSourceFiles().filter((f) => f.fileName.startsWith(root) && !/\/(node_modules|\.next)\//.test(f.fileName));
const CONVENTIONS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "default", "metadata", "viewport", "dynamic", "runtime", "revalidate", "generateMetadata", "generateStaticParams", "register", "config", "proxy"]);

function target(symbol: ts.Symbol): ts.Symbol {
  while (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  return symbol;
}

// Every file a symbol is used from.
const usedIn = new Map<ts.Symbol, Set<string>>();
const use = (symbol: ts.Symbol | undefined, file: string) => {
  if (!symbol) return;
  const s = target(symbol);
  if (!usedIn.has(s)) usedIn.set(s, new Set());
  usedIn.get(s)!.add(file);
};
for (const file of ours) {
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) use(checker.getSymbolAtLocation(node), file.fileName);
    // const { name } = await import("…")
    if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
      const name = node.propertyName ?? node.name;
      if (ts.isIdentifier(name)) use(checker.getTypeAtLocation(node.parent).getProperty(name.text), file.fileName);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
}

const unused: string[] = [];
for (const file of ours) {
  const moduleSymbol = checker.getSymbolAtLocation(file);
  if (!moduleSymbol) continue;
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    if (CONVENTIONS.has(exported.name)) continue;
    const users = [...(usedIn.get(target(exported)) ?? [])].filter((f) => f !== file.fileName);
    if (users.length === 0) unused.push(`${path.relative(root, file.fileName)}\t${exported.name}`);
  }
}
console.log(unused.length ? unused.join("\n") : "No unused exports.");
process.exit(unused.length ? 1 : 0);
