// alr dashboard: reads the run's event log (server-sent events at ./events, one event-log line per
// message) and draws it. The state below is what dev.alr.engine.events.RecordedRun reads from the same
// lines, so a live run and a recorded log show the same page.
'use strict';

const ROOT = -1;
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22',
  '#7f7f7f', '#d62728'];

const state = {
  config: null, planned: 0, doneAtStart: 0, starts: 0, epochs: [], undecided: [], finished: null,
  startTime: NaN, lastTime: NaN, lastCheckpoint: 0, busy: new Map(), connected: false, ended: false
};

function apply(ev) {
  const t = Date.parse(ev.time);
  if (!isNaN(t)) {
    state.lastTime = t;
  }
  switch (ev.event) {
    case 'runStarted':
    case 'runResumed':
      start(ev, t);
      break;
    case 'candidateFinished': {
      state.undecided.push(ev);
      const w = state.busy.get(ev.worker) || { seconds: 0, count: 0 };
      w.seconds += ev.seconds || 0;
      w.count++;
      state.busy.set(ev.worker, w);
      break;
    }
    case 'epochFinished':
      state.epochs.push(ev);
      state.undecided = [];
      if (ev.outcome !== 'advanced') {
        state.planned += ev.candidates.length;
      }
      break;
    case 'checkpointWritten':
      state.lastCheckpoint = ev.epoch;
      break;
    case 'runFinished':
      state.finished = ev;
      break;
    default:
      // an event of a newer writer: nothing this page needs
  }
}

// A (re)start: the epochs after the checkpoint it resumed from are replaced by the new start's.
function start(ev, t) {
  state.starts++;
  state.config = ev.config;
  state.planned = ev.plannedCandidateEpochs;
  state.doneAtStart = ev.candidateEpochsDone;
  let kept = 0;
  let keep = 0;
  while (keep < state.epochs.length && kept + state.epochs[keep].candidates.length <= state.doneAtStart) {
    kept += state.epochs[keep].candidates.length;
    keep++;
  }
  state.epochs.length = keep;
  state.undecided = [];
  state.finished = null;
  state.startTime = t;
  state.busy = new Map();
}

// Every candidate shown: those of the recorded epochs (the records carry no epoch: take the epoch's),
// then those finished in the epoch still running.
function candidates() {
  const all = [];
  for (const e of state.epochs) {
    for (const c of e.candidates) {
      all.push(Object.assign({ epoch: e.epoch, attempt: e.attempt }, c));
    }
  }
  return all.concat(state.undecided);
}

function lastAdvanced() {
  for (let i = state.epochs.length - 1; i >= 0; i--) {
    if (state.epochs[i].outcome === 'advanced') {
      return state.epochs[i];
    }
  }
  return null;
}

// The chosen model's candidate ids, oldest first: the run's lineage when it finished, else the best
// kept beam's ancestry.
function chosenPath(byId) {
  if (state.finished && state.finished.lineage) {
    return state.finished.lineage.filter(id => byId.has(id));
  }
  const e = lastAdvanced();
  const path = [];
  let id = e && e.beams.length ? e.beams[0].candidateId : ROOT;
  while (id !== ROOT && byId.has(id) && path.length <= byId.size) {
    path.unshift(id);
    id = byId.get(id).parent;
  }
  return path;
}

function lr(x) {
  return Number.isFinite(x) ? x.toPrecision(4) : String(x);
}

function num(x, digits) {
  return Number.isFinite(x) ? x.toFixed(digits) : '-';
}

function duration(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 3600 ? `${Math.floor(s / 3600)} h ${Math.floor(s % 3600 / 60)} min`
    : s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

const tooltip = {
  callbacks: {
    label: ctx => {
      const c = ctx.raw.c;
      return c ? `#${c.id} (parent ${c.parent}) epoch ${c.epoch}: lr ${lr(c.lr)}, loss ${num(c.loss, 4)}, ${c.worker}`
        : `lr ${lr(ctx.raw.y)}`;
    }
  }
};

// Log-axis ticks labelled at 1, 2 and 5 of each decade, written short (0.05, not 0.05000).
function logAxis(title) {
  const label = v => {
    const m = v / Math.pow(10, Math.floor(Math.log10(v)));
    return [1, 2, 5, 10].some(k => Math.abs(m - k) < 1e-6) ? String(Number(v.toPrecision(4))) : '';
  };
  return { type: 'logarithmic', title: { display: true, text: title }, ticks: { autoSkip: false, callback: label } };
}

function epochAxis() {
  return { type: 'linear', title: { display: true, text: 'epoch' }, ticks: { stepSize: 1, precision: 0 } };
}

const common = { animation: false, responsive: true, maintainAspectRatio: false };

const tree = new Chart(document.getElementById('tree'), {
  type: 'scatter',
  data: {
    datasets: [
      { label: 'parent edges', data: [], showLine: true, spanGaps: false, pointRadius: 0, pointHoverRadius: 0,
        borderColor: '#c8c8c8', borderWidth: 1, order: 4 },
      { label: 'candidates', data: [], pointRadius: 3, backgroundColor: '#9a9a9a', borderColor: '#9a9a9a', order: 3 },
      { label: 'kept beams', data: [], pointRadius: 5, backgroundColor: '#1f77b4', borderColor: '#1f77b4', order: 2 },
      { label: 'chosen path', data: [], showLine: true, pointRadius: 6, backgroundColor: '#d62728',
        borderColor: '#d62728', borderWidth: 2, order: 1 }
    ]
  },
  options: Object.assign({
    scales: { x: epochAxis(), y: logAxis('learning rate') },
    plugins: { tooltip: Object.assign({ filter: item => item.datasetIndex !== 0 }, tooltip) }
  }, common)
});

const loss = new Chart(document.getElementById('loss'), {
  type: 'scatter',
  data: { datasets: [] },
  options: Object.assign({
    scales: { x: logAxis('learning rate'), y: { title: { display: true, text: 'training loss' } } },
    plugins: { tooltip }
  }, common)
});

const lrPath = new Chart(document.getElementById('lrpath'), {
  type: 'scatter',
  data: { datasets: [{ label: 'LR', data: [], showLine: true, pointRadius: 3, borderColor: '#d62728',
    backgroundColor: '#d62728' }] },
  options: Object.assign({
    scales: { x: epochAxis(), y: logAxis('learning rate') },
    plugins: { legend: { display: false }, tooltip }
  }, common)
});

const workers = new Chart(document.getElementById('workers'), {
  type: 'bar',
  data: { labels: [], datasets: [{ label: 'utilisation %', data: [], backgroundColor: '#2ca02c' }] },
  options: Object.assign({
    scales: { y: { beginAtZero: true, suggestedMax: 100, title: { display: true, text: '% of wall time training' } } },
    plugins: { legend: { display: false } }
  }, common)
});

function render() {
  const c = state.config;
  if (c) {
    const s = c.strategy || {};
    document.getElementById('title').textContent = `${s.name} on ${c.model}/${c.dataset}, lr ${lr(c.lr)}, `
      + `${c.epochs} epoch(s), ${c.workers} worker(s), seed ${c.seed}`
      + (state.starts > 1 ? ` (resumed ${state.starts - 1} time(s))` : '');
  }
  renderStatus();
  const all = candidates();
  renderProgress(all.length);
  renderTree(all);
  renderLoss(all);
  renderWorkers();
  renderEpochs();
  renderResult();
}

function renderStatus() {
  const el = document.getElementById('status');
  let text;
  let cls;
  if (state.finished) {
    text = `finished: ${state.finished.termination}`;
    cls = 'done';
  } else if (state.ended) {
    text = state.config ? 'the log ends before the run did' : 'no events';
    cls = 'lost';
  } else if (state.connected) {
    text = 'live';
    cls = 'live';
  } else {
    text = 'disconnected, retrying…';
    cls = 'lost';
  }
  el.textContent = text;
  el.className = 'status ' + cls;
}

function renderProgress(done) {
  const total = Math.max(state.planned, done, 1);
  const bar = document.getElementById('progress');
  bar.max = total;
  bar.value = done;
  document.getElementById('progress-text').textContent =
    `${done} of ${total} candidate-epochs (${Math.round(100 * done / total)}%)`;
  const since = done - state.doneAtStart;
  const elapsed = state.lastTime - state.startTime;
  let eta = '';
  if (!isNaN(elapsed)) {
    eta = `elapsed ${duration(elapsed)}`;
    if (!state.finished && !state.ended && since > 0 && total > done) {
      eta += `, ETA ${duration((total - done) * elapsed / since)}`;
    }
  }
  document.getElementById('eta').textContent = eta;
}

function renderTree(all) {
  const byId = new Map(all.map(x => [x.id, x]));
  const root = state.config ? { x: 0, y: state.config.lr } : null;
  const edges = [];
  for (const x of all) {
    const p = x.parent === ROOT ? root : byId.has(x.parent) ? point(byId.get(x.parent)) : null;
    if (p) {
      edges.push({ x: p.x, y: p.y }, { x: x.epoch, y: x.lr }, { x: x.epoch, y: null });
    }
  }
  const kept = new Set();
  for (const e of state.epochs) {
    if (e.outcome === 'advanced') {
      e.beams.forEach(b => kept.add(b.candidateId));
    }
  }
  const path = chosenPath(byId);
  const ds = tree.data.datasets;
  ds[0].data = edges;
  ds[1].data = all.map(point).concat(root ? [{ x: root.x, y: root.y }] : []);
  ds[2].data = all.filter(x => kept.has(x.id)).map(point);
  ds[3].data = (root ? [{ x: root.x, y: root.y }] : []).concat(path.map(id => point(byId.get(id))));
  tree.update('none');
  document.getElementById('tree-caption').textContent =
    `(${all.length} candidate(s), ${kept.size} kept, chosen path of ${path.length} epoch(s))`;
  lrPath.data.datasets[0].data = path.flatMap(id => {
    const x = byId.get(id);
    return [{ x: x.epoch - 1, y: x.lr, c: x }, { x: x.epoch, y: x.endLr, c: x }];
  });
  lrPath.update('none');
}

function point(x) {
  return { x: x.epoch, y: x.lr, c: x };
}

function renderLoss(all) {
  const byEpoch = new Map();
  for (const x of all) {
    if (Number.isFinite(x.loss)) {
      const key = `epoch ${x.epoch}` + (x.attempt ? ` (attempt ${x.attempt + 1})` : '');
      if (!byEpoch.has(key)) {
        byEpoch.set(key, []);
      }
      byEpoch.get(key).push({ x: x.lr, y: x.loss, c: x });
    }
  }
  loss.data.datasets = Array.from(byEpoch, ([label, data], i) => {
    const colour = PALETTE[i % PALETTE.length];
    return { label, data, pointRadius: 4, backgroundColor: colour, borderColor: colour };
  });
  loss.update('none');
}

function renderWorkers() {
  const names = Array.from(state.busy.keys()).sort();
  const wall = (state.lastTime - state.startTime) / 1000;
  workers.data.labels = names;
  workers.data.datasets[0].data = names.map(n => wall > 0 ? Math.min(100, 100 * state.busy.get(n).seconds / wall) : 0);
  workers.update('none');
  const count = names.reduce((s, n) => s + state.busy.get(n).count, 0);
  document.getElementById('workers-caption').textContent =
    names.length ? `(${names.length} worker(s), ${count} candidate-epoch(s) since the run started)` : '';
}

function renderEpochs() {
  const body = document.querySelector('#epochs tbody');
  body.replaceChildren(...state.epochs.map(e => {
    const best = e.beams.length ? e.beams[0] : null;
    const cells = [e.epoch, e.attempt, e.outcome, e.candidates.length, best ? lr(best.lr) : '-',
      best ? num(best.loss, 4) : '-', e.test ? num(e.test.loss, 4) : '-',
      e.test ? num(100 * e.test.accuracy, 2) + '%' : '-', num(e.seconds, 1)];
    const tr = document.createElement('tr');
    for (const v of cells) {
      const td = document.createElement('td');
      td.textContent = String(v);
      tr.appendChild(td);
    }
    return tr;
  }));
}

function renderResult() {
  const el = document.getElementById('result');
  const f = state.finished;
  if (!f) {
    el.hidden = true;
    return;
  }
  let text = `${f.termination} after ${f.candidateEpochs} candidate-epoch(s) in ${num(f.wallSeconds, 1)} s; `
    + `LR path ${(f.lrPath || []).map(lr).join(' → ')}`;
  if (f.finalTest) {
    text += `; final test loss ${num(f.finalTest.loss, 4)}, accuracy ${num(100 * f.finalTest.accuracy, 2)}%`;
  }
  el.textContent = text;
  el.hidden = false;
}

let scheduled = false;

function schedule() {
  if (!scheduled) {
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      render();
    }, 50);
  }
}

const source = new EventSource('events');
source.onopen = () => {
  state.connected = true;
  schedule();
};
source.onmessage = e => {
  apply(JSON.parse(e.data));
  schedule();
};
source.addEventListener('end', () => {
  source.close();
  state.ended = true;
  schedule();
});
source.onerror = () => {
  state.connected = false;
  schedule();
};
