// Run by JavaScriptClientTests: the official @clickhouse/client against the HTTP interface.
// Prints one JSON object with what each step saw; the Java test asserts on it.
import { createClient } from '@clickhouse/client'

const [url, user, password] = process.argv.slice(2)
const client = createClient({ url, username: user, password, database: 'tenant_pulse' })
const out = {}

out.ping = (await client.ping()).success

const tables = await client.query({
  query: "SELECT name FROM system.tables WHERE database = 'tenant_pulse' ORDER BY name",
  format: 'JSONEachRow',
})
out.tables = (await tables.json()).map((row) => row.name)

out.counts = {}
for (const table of JSON.parse(process.env.CONTRACT_TABLES)) {
  const rs = await client.query({ query: `SELECT count() AS n FROM ${table}`, format: 'JSON' })
  out.counts[table] = Number((await rs.json()).data[0].n)
}

const bound = await client.query({
  query: 'SELECT {v:String} AS v, {n:UInt32} + 1 AS n',
  query_params: { v: "it's \\ a \t\"value\"\n", n: 41 },
  format: 'JSONEachRow',
})
out.bound = (await bound.json())[0]

const compressed = createClient({ url, username: user, password, compression: { response: true } })
const big = await compressed.query({ query: 'SELECT number FROM numbers(100000)', format: 'JSONCompactEachRow' })
out.compressedRows = (await big.json()).length
await compressed.close()

async function failure(run) {
  try {
    await run()
    return null
  } catch (e) {
    return { code: e.code ?? null, type: e.type ?? null, message: String(e.message) }
  }
}
out.insert = await failure(() =>
  client.insert({ table: 'tenant_pulse.events', values: [{ tenant_id: 'x' }], format: 'JSONEachRow' }))
out.command = await failure(() => client.command({ query: 'CREATE TABLE tenant_pulse.from_js (x UInt8) ENGINE = Memory' }))
const wrong = createClient({ url, username: user, password: 'not the password' })
out.wrongPassword = await failure(async () => (await wrong.query({ query: 'SELECT 1' })).json())
await wrong.close()
await client.close()
console.log(JSON.stringify(out))
