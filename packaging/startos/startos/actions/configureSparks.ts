import { sdk } from '../sdk'
import { operatorApi } from '../utils'

const { InputSpec, Value } = sdk

type Node = { name: string; host: string; user: string; ssh_port: number; services: Record<string, number> }

export const inputSpec = InputSpec.of({
  spark1Host: Value.text({
    name: 'Spark 1 address',
    description: 'IPv4 address of Spark 1 (serves the vLLM model). Use the address, not a .local name.',
    required: true,
    default: null,
    placeholder: '<spark-1-ip>',
    patterns: [{ regex: '^[0-9]{1,3}(\\.[0-9]{1,3}){3}$', description: 'an IPv4 address' }],
  }),
  spark1User: Value.text({ name: 'Spark 1 SSH user', description: null, required: true, default: null }),
  spark2Host: Value.text({
    name: 'Spark 2 address',
    description: 'IPv4 address of Spark 2 (speech, embeddings, Qdrant).',
    required: true,
    default: null,
    placeholder: '<spark-2-ip>',
    patterns: [{ regex: '^[0-9]{1,3}(\\.[0-9]{1,3}){3}$', description: 'an IPv4 address' }],
  }),
  spark2User: Value.text({ name: 'Spark 2 SSH user', description: null, required: true, default: null }),
})

// PUT /api/settings/nodes (docs/CLUSTER_API.md), then the connection test of each node so the
// result says at once what is missing (the key, host-key pinning...).
export const configureSparks = sdk.Action.withInput(
  'configure-sparks',
  async () => ({
    name: 'Configure Sparks',
    description:
      'Set the two Sparks (address and SSH user) and test the connection to each. Then confirm each host-key fingerprint on the Settings page.',
    warning: null,
    allowedStatuses: 'only-running',
    group: 'Cluster',
    visibility: 'enabled',
  }),
  inputSpec,
  async () => {
    const current = (await operatorApi('GET', '/api/settings/nodes')) as { nodes: Node[] }
    const byName = Object.fromEntries(current.nodes.map((n) => [n.name, n]))
    return {
      spark1Host: byName.spark1?.host ?? undefined,
      spark1User: byName.spark1?.user ?? undefined,
      spark2Host: byName.spark2?.host ?? undefined,
      spark2User: byName.spark2?.user ?? undefined,
    }
  },
  async ({ input }) => {
    const nodes: Node[] = [
      { name: 'spark1', host: input.spark1Host, user: input.spark1User, ssh_port: 22, services: { vllm: 8888 } },
      {
        name: 'spark2',
        host: input.spark2Host,
        user: input.spark2User,
        ssh_port: 22,
        services: { asr: 8000, tts: 8880, embed: 8001, qdrant: 6333 },
      },
    ]
    await operatorApi('PUT', '/api/settings/nodes', { nodes })
    const lines: string[] = []
    for (const n of nodes) {
      const t = (await operatorApi('POST', `/api/settings/nodes/${n.name}/test`)) as {
        ok: boolean
        stage: string
        message?: string
        presented_fingerprint?: string
      }
      lines.push(
        t.ok
          ? `${n.name}: connected`
          : `${n.name}: ${t.stage}: ${t.message ?? ''}${t.presented_fingerprint ? ` (host key ${t.presented_fingerprint})` : ''}`,
      )
    }
    return {
      version: '1',
      title: 'Sparks saved',
      message: `${lines.join('\n')}\nA host key that is not pinned yet must be confirmed on the Settings page.`,
      result: null,
    }
  },
)
