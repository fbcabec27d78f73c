import { sdk } from '../sdk'
import { operatorApi } from '../utils'

// POST /api/actions/reapply-patches {confirm: true} (docs/CLUSTER_API.md): a job with phases and
// a rollback; the action starts it and reports where it ended (or that it still runs).
export const reapplyPatches = sdk.Action.withoutInput(
  'reapply-speech-patches',
  async () => ({
    name: 'Reapply speech patches',
    description:
      "Copies the speech server patches into Spark 2's parakeet-asr container, applies its memory cap and restarts it (rolled back if it does not come up).",
    warning: 'The speech service on Spark 2 restarts: transcriptions running now fail and are retried by their apps.',
    allowedStatuses: 'only-running',
    group: 'Cluster',
    visibility: 'enabled',
  }),
  async () => {
    const { job_id } = (await operatorApi('POST', '/api/actions/reapply-patches', { confirm: true })) as {
      job_id: string
    }
    let job: { state: string; step: string; error: string | null; note: string | null } = {
      state: 'running',
      step: 'preflight',
      error: null,
      note: null,
    }
    const deadline = Date.now() + 120_000
    while (job.state === 'running' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 2000))
      job = await operatorApi('GET', `/api/actions/reapply-patches/${job_id}`)
    }
    const message =
      job.state === 'running'
        ? `Still running (phase ${job.step}); follow it on the Settings page.`
        : `Finished: ${job.state}${job.error ? ` (${job.error})` : ''}${job.note ? `. ${job.note}` : ''}`
    return {
      version: '1',
      title: 'Reapply speech patches',
      message,
      result: { type: 'single', value: job_id, copyable: true, qr: false, masked: false },
    }
  },
)
