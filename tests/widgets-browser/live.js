// The page of the live-kernel browser test (tests/jupyter/browser_widgets_live.py bundles it with esbuild; no CDN).
// It starts a kernel through the Jupyter server that serves it (@jupyterlab/services 7: REST + the kernels' WebSocket
// API), registers a widget manager (@jupyter-widgets/html-manager 1.0 with controls 5.0 and base 6.0) for the
// `jupyter.widget` comm target, as JupyterLab's manager does, and shows every widget view a cell displays.
// The harness drives it through `window.live` over the DevTools protocol.
import { KernelManager, ServerConnection } from '@jupyterlab/services';
import { HTMLManager } from '@jupyter-widgets/html-manager/lib/htmlmanager';
import { shims } from '@jupyter-widgets/base';

const WIDGET_VIEW = 'application/vnd.jupyter.widget-view+json';

/** An HTMLManager whose comms are a live kernel's (the html-manager alone only renders saved state). */
class LiveManager extends HTMLManager {
  constructor(kernel) {
    super();
    this.kernel = kernel;
    kernel.registerCommTarget(this.comm_target_name, async (comm, msg) => {
      await this.handle_comm_open(new shims.services.Comm(comm), msg);
    });
  }

  async _create_comm(targetName, modelId, data, metadata, buffers) {
    const comm = this.kernel.createComm(targetName, modelId);
    if (data || metadata) {
      comm.open(data, metadata, buffers);
    }
    return new shims.services.Comm(comm);
  }

  async _get_comm_info() {
    const reply = await this.kernel.requestCommInfo({ target_name: this.comm_target_name });
    return reply.content.status === 'ok' ? reply.content.comms : {};
  }
}

const log = [];
function note(text) {
  log.push(text);
  document.getElementById('log').textContent = log.slice(-6).join('\n');
}

/** Starts a kernel on the Jupyter server at `server` (an http:// URL; the page itself is served from elsewhere). */
async function start(kernelName, server) {
  const base = server.endsWith('/') ? server : server + '/';
  const settings = ServerConnection.makeSettings({ baseUrl: base, wsUrl: base.replace(/^http/, 'ws') });
  const kernels = new KernelManager({ serverSettings: settings });
  const kernel = await kernels.startNew({ name: kernelName });
  const info = await kernel.info;
  note(`kernel ${kernel.name}: ${info.implementation} ${info.implementation_version}`);
  const manager = new LiveManager(kernel);
  window.live.kernel = kernel;
  window.live.manager = manager;
  return { name: kernel.name, implementation: info.implementation };
}

/** Runs a cell; widget views are rendered into #cells; returns the status, text outputs and views shown. */
async function execute(code) {
  const kernel = window.live.kernel;
  const manager = window.live.manager;
  const area = document.createElement('div');
  area.className = 'cell';
  document.getElementById('cells').appendChild(area);
  const source = document.createElement('pre');
  source.className = 'cell-code';
  source.textContent = code;
  area.appendChild(source);
  const result = { status: null, text: [], views: 0, errors: [] };
  const rendering = [];
  const future = kernel.requestExecute({ code, store_history: true });
  future.onIOPub = (msg) => {
    const type = msg.header.msg_type;
    if (type === 'stream') {
      result.text.push(msg.content.text);
      const pre = document.createElement('pre');
      pre.className = 'cell-text';
      pre.textContent = msg.content.text;
      area.appendChild(pre);
    } else if (type === 'error') {
      result.errors.push(`${msg.content.ename}: ${msg.content.evalue}`);
    } else if (type === 'display_data' || type === 'execute_result') {
      const data = msg.content.data;
      if (data[WIDGET_VIEW]) {
        const host = document.createElement('div');
        host.className = 'widget-host';
        area.appendChild(host);
        result.views += 1;
        rendering.push(manager.get_model(data[WIDGET_VIEW].model_id)
          .then((model) => manager.display_view(manager.create_view(model), host)));
      } else if (data['text/plain'] !== undefined) {
        result.text.push(data['text/plain']);
        const pre = document.createElement('pre');
        pre.className = 'cell-text';
        pre.textContent = data['text/plain'];
        area.appendChild(pre);
      }
    }
  };
  const reply = await future.done;
  await Promise.all(rendering);
  result.status = reply.content.status;
  note(`cell: ${result.status} ${result.text.join(' ').slice(0, 80)}`);
  return result;
}

window.live = { start, execute, kernel: null, manager: null };
