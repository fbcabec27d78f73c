import { setupManifest } from '@start9labs/start-sdk'

// The image is the project's own Dockerfile (the same one `docker build` uses), built for both
// architectures the Sparks' home servers run.
export const manifest = setupManifest({
  id: 'spark-control',
  title: 'Spark Control',
  license: 'proprietary',
  packageRepo: 'https://github.com/<owner>/spark-control/tree/main/packaging/startos',
  upstreamRepo: 'https://github.com/<owner>/spark-control',
  marketingUrl: 'https://github.com/<owner>/spark-control',
  donationUrl: null,
  description: {
    short: 'Control room and LAN gateway for two NVIDIA DGX Sparks',
    long: 'Spark Control swaps the model Spark 1 serves (over SSH, with rollback), watches the cluster, and is the one base URL every app on the LAN calls: OpenAI-compatible chat, transcription with diarization, text to speech, embeddings, hybrid search and PII redaction. With no Spark configured it runs a simulated cluster (demo mode).',
  },
  volumes: ['main'],
  images: {
    main: {
      source: { dockerBuild: { dockerfile: '../../Dockerfile', workdir: '../..' } },
      arch: ['x86_64', 'aarch64'],
    },
  },
  alerts: {
    install:
      'After installing, run the action "Show SSH public key" and add the key to ~/.ssh/authorized_keys of the SSH user on each Spark, then "Configure Sparks".',
    update: null,
    uninstall: 'Uninstalling deletes the controller SSH key, API keys, swap history and search data unless you made a backup.',
    restore: null,
    start: null,
    stop: null,
  },
  dependencies: {},
})
