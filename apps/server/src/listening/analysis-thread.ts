// An analysis thread (see analysis-pool.ts): keeps each workspace's analysis state, rebuilt when the pipeline
// sends new inputs with new versions, and answers each batch with its analyses, in order.
import { parentPort } from 'node:worker_threads';
import { analyseBatch, buildAnalyzer, buildTopicIndex, type AnalysisState } from './analysis.js';
import type { ThreadReply, ThreadRequest } from './analysis-pool.js';

interface Held {
  topicsVersion: string;
  correctionsVersion: string;
  state: AnalysisState;
}

const held = new Map<string, Held>();
const port = parentPort;
if (!port) throw new Error('analysis-thread.ts runs as a worker thread');

port.on('message', (request: ThreadRequest) => {
  let reply: ThreadReply;
  try {
    let workspace = held.get(request.workspaceId);
    if (request.inputs) {
      const { topics, corrections } = request.inputs;
      workspace = {
        topicsVersion: request.topicsVersion,
        correctionsVersion: request.correctionsVersion,
        state: {
          index:
            workspace?.topicsVersion === request.topicsVersion
              ? workspace.state.index
              : buildTopicIndex(topics, () => {}),
          analyzer:
            workspace?.correctionsVersion === request.correctionsVersion
              ? workspace.state.analyzer
              : buildAnalyzer(corrections),
        },
      };
      held.set(request.workspaceId, workspace);
    }
    if (
      !workspace ||
      workspace.topicsVersion !== request.topicsVersion ||
      workspace.correctionsVersion !== request.correctionsVersion
    ) {
      reply = { id: request.id, error: 'stale' };
    } else {
      reply = { id: request.id, analyses: analyseBatch(request.items, workspace.state) };
    }
  } catch (error) {
    reply = { id: request.id, error: String(error) };
  }
  port.postMessage(reply);
});
