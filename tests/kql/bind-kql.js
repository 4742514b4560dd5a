// Parses and binds KQL in Kusto's language service against table schemas; prints one JSON line per query.
// Usage: node bind-kql.js <schemas.json> <queries.json>   (queries: [{name, engine, kql}])
// Exit code 0 when no query has a diagnostic, 1 otherwise, 2 on bad input.
'use strict';
const fs = require('fs');
const path = require('path');
require(path.join(__dirname, 'node_modules/@kusto/language-service-next/bridge.js'));
require(path.join(__dirname, 'node_modules/@kusto/language-service-next/Kusto.Language.Bridge.js'));

const Symbols = Kusto.Language.Symbols;

function schemaText(columns) {
  return '(' + Object.entries(columns).map(([name, type]) => '[\'' + name + '\']:' + type).join(', ') + ')';
}

function globalsFor(engine) {
  const members = [];
  for (const [name, columns] of Object.entries(engine.tables || {})) {
    members.push(new Symbols.TableSymbol.$ctor7(name, schemaText(columns), ''));
  }
  for (const [name, fn] of Object.entries(engine.functions || {})) {
    const body = '{ datatable' + schemaText(fn.returns) + '[] }';
    members.push(new Symbols.FunctionSymbol.$ctor16(name, fn.parameters, body, ''));
  }
  const database = new Symbols.DatabaseSymbol.$ctor2(engine.database || 'db', null, members);
  return Kusto.Language.GlobalState.Default.WithDatabase(database);
}

function main() {
  if (process.argv.length < 4) {
    console.error('usage: node bind-kql.js <schemas.json> <queries.json>');
    process.exit(2);
  }
  const schemas = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const queries = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
  const globals = {};
  let failed = 0;
  for (const query of queries) {
    const engine = schemas.engines[query.engine];
    if (!engine) {
      console.log(JSON.stringify({ name: query.name, engine: query.engine, diagnostics: ['no schema for engine ' + query.engine] }));
      failed++;
      continue;
    }
    globals[query.engine] = globals[query.engine] || globalsFor(engine);
    const code = Kusto.Language.KustoCode.ParseAndAnalyze(query.kql, globals[query.engine]);
    const diagnostics = Bridge.toArray(code.GetDiagnostics()).map(d =>
      d.Severity + ' ' + d.Code + ' at ' + d.Start + ': ' + d.Message + ' [' + query.kql.substr(d.Start, Math.max(d.Length, 1)) + ']');
    if (diagnostics.length > 0) failed++;
    console.log(JSON.stringify({ name: query.name, engine: query.engine, diagnostics }));
  }
  process.exit(failed > 0 ? 1 : 0);
}

main();
