/*
 * Caimei Index dashboard. Holds no token: every call goes to the gateway's session-authenticated /ui/api.
 * Every value from the server is put into the page with textContent (never innerHTML), so names are inert.
 * The view (board, period, page, selected entity, simulation) lives in the URL's hash, so links and Back work.
 */
(function () {
  'use strict';

  var P = window.CaimeiPeriods;
  var FONT = '"Noto Sans SC", "Noto Sans CJK SC", sans-serif';
  /** Fallback labels (DESIGN section 3) for explanations that do not carry label, labelEn and parent. */
  var LABELS = {
    C1: ['电信网络', 'telecom network'], C2: ['互联网', 'internet'],
    D1: ['曝光', 'exposure'], D2: ['互动', 'interaction'], D3: ['传播', 'propagation'], D4: ['创作', 'creation'],
    E1: ['曝光次数', 'exposures'], E2: ['曝光人数', 'exposed people'], E3: ['订购数', 'orders'],
    E4: ['N#互动数', 'N# interactions'], E5: ['播放数', 'plays'], E6: ['点赞数', 'likes'], E7: ['分享数', 'shares'],
    E8: ['评论数', 'comments'], E9: ['收藏数', 'favourites'], E10: ['粉丝数', 'followers'],
    E11: ['内容发布数', 'works published'], E12: ['创作工具交互次数', 'creation-tool interactions'],
    E13: ['创作工具付费人数', 'paying creation-tool users']
  };
  var PARENTS = {
    C1: null, C2: null, D1: 'C1', D2: 'C1', D3: 'C2', D4: 'C2', E1: 'D1', E2: 'D1', E3: 'D2', E4: 'D2',
    E5: 'D3', E6: 'D3', E7: 'D3', E8: 'D3', E9: 'D3', E10: 'D3', E11: 'D4', E12: 'D4', E13: 'D4'
  };
  var CODES = Object.keys(PARENTS);
  var COLORS = {
    C1: '#c0392b', C2: '#2471a3', D1: '#e06a5a', D2: '#f0a08f', D3: '#5499c7', D4: '#a9cce3'
  };
  var MAX_PROBES = 12;

  var state = {
    board: null, period: null, offset: 0, limit: 20, total: 0, selected: null, view: 'board', seq: 0,
    periods: {}, entries: [], mine: {}, profileWeights: null
  };
  var charts = {};

  function $(id) { return document.getElementById(id); }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function enc(s) { return encodeURIComponent(s); }

  function request(method, path, accept, body) {
    var headers = { 'Accept': accept, 'X-Requested-With': 'JavaScript' };
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    return fetch('/ui/api' + path, {
      method: method, credentials: 'same-origin', headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      if (r.status === 499 || r.status === 401) {
        // the session is gone: reloading signs in again
        window.location.reload();
        return new Promise(function () {});
      }
      return r;
    });
  }

  /** A /ui/api call answering JSON; resolves to {status, body}. */
  function api(path, method, body) {
    return request(method || 'GET', path, 'application/json', body).then(function (r) {
      return r.text().then(function (t) {
        var parsed = null;
        try { parsed = t ? JSON.parse(t) : null; } catch (e) { parsed = null; }
        return { status: r.status, body: parsed };
      });
    });
  }

  function problemText(res) {
    var b = res.body || {};
    return (b.title || 'Error') + ' (' + res.status + ')' + (b.detail ? ': ' + b.detail : '');
  }

  function showMessage(id, text, isError) {
    var m = $(id);
    m.textContent = text || '';
    m.hidden = !text;
    m.className = 'message' + (isError ? ' error' : '');
  }

  function hasRole(role) { return document.querySelector('.who .role-' + role) !== null; }

  function canSimulate() { return hasRole('analyst') || hasRole('admin'); }

  /** {text, cls} for a movement: ▲n, ▼n, = (SAME), NEW, RE (RE_ENTRY). */
  function movement(mv) {
    if (!mv) { return { text: '', cls: '' }; }
    var parts = String(mv).split(' ');
    switch (parts[0]) {
      case 'UP': return { text: '▲' + (parts[1] || ''), cls: 'up' };
      case 'DOWN': return { text: '▼' + (parts[1] || ''), cls: 'down' };
      case 'SAME': return { text: '=', cls: 'same' };
      case 'NEW': return { text: 'NEW', cls: 'new' };
      case 'RE_ENTRY': return { text: 'RE', cls: 're' };
      default: return { text: String(mv), cls: '' };
    }
  }

  function fmt(n, digits) {
    return (n === null || n === undefined) ? '–' : Number(n).toFixed(digits);
  }

  function dash(v) { return v === null || v === undefined ? '–' : v; }

  function boardOption(id) {
    var opts = $('board').options;
    for (var i = 0; i < opts.length; i++) { if (opts[i].value === id) { return opts[i]; } }
    return null;
  }

  // ---- URL state -------------------------------------------------------------------------------------------

  function readUrl() {
    var q = new URLSearchParams(window.location.hash.replace(/^#/, ''));
    var page = parseInt(q.get('page'), 10);
    return {
      board: q.get('board'), period: q.get('period'), page: page > 0 ? page : 1, entity: q.get('entity'),
      view: q.get('view') === 'sim' ? 'sim' : 'board'
    };
  }

  function urlOf() {
    var q = new URLSearchParams();
    if (state.board) { q.set('board', state.board); }
    if (state.period) { q.set('period', state.period); }
    q.set('page', String(Math.floor(state.offset / state.limit) + 1));
    if (state.selected) { q.set('entity', state.selected); }
    if (state.view === 'sim') { q.set('view', 'sim'); }
    return '#' + q.toString();
  }

  /** Records the view shown: a new history entry for a user's step, a replacement for a default filled in. */
  function writeUrl(push) {
    var url = urlOf();
    if (url === window.location.hash) { return; }
    if (push) { history.pushState(null, '', url); } else { history.replaceState(null, '', url); }
  }

  // ---- boards and periods ----------------------------------------------------------------------------------

  function ensureBoards() {
    if ($('board').options.length > 0) { return Promise.resolve(); }
    return api('/boards').then(function (res) {
      if (res.status !== 200) { showMessage('message', problemText(res), true); return; }
      res.body.forEach(function (b) {
        var o = el('option', b.name + ' · ' + b.englishName);
        o.value = b.id;
        o.dataset.shown = b.shown;
        o.dataset.profile = b.profile || '';
        o.dataset.topContributors = String(!!b.topContributors);
        $('board').appendChild(o);
      });
      var err = $('boards-error');
      if (err) { err.hidden = true; }
    });
  }

  /** The board's listed periods ({period, granularity, closed, state, ...}), fetched once per board. */
  function periodsOf(board) {
    if (state.periods[board]) { return Promise.resolve(state.periods[board]); }
    return api('/boards/' + enc(board) + '/periods').then(function (res) {
      if (res.status !== 200) { showMessage('message', problemText(res), true); return []; }
      var list = res.body.filter(function (p) { return P.parse(p.period); }).sort(P.newestFirst);
      state.periods[board] = list;
      return list;
    });
  }

  /**
   * The most recent period with data, of one granularity or any: CLOSED, or OPEN with entries (the list may say
   * its total; otherwise one entry is read to know). EMPTY periods ended with nothing ranked.
   */
  function latestWithData(board, list, kind) {
    var candidates = list.filter(function (p) {
      return p.state !== 'EMPTY' && (!kind || P.parse(p.period).kind === kind);
    });
    var probes = 0;
    function next(i) {
      if (i >= candidates.length) { return Promise.resolve(null); }
      var p = candidates[i];
      if (p.state === 'CLOSED' || (p.closed && !p.state)) {
        if (typeof p.total !== 'number' || p.total > 0) { return Promise.resolve(p.period); }
        return next(i + 1);
      }
      if (typeof p.total === 'number') { return p.total > 0 ? Promise.resolve(p.period) : next(i + 1); }
      if (++probes > MAX_PROBES) { return Promise.resolve(null); }
      return api('/boards/' + enc(board) + '/periods/' + enc(p.period) + '?offset=0&limit=1').then(function (res) {
        return res.status === 200 && res.body.total > 0 ? p.period : next(i + 1);
      });
    }
    return next(0).then(function (found) {
      return found || (candidates[0] && candidates[0].period) || (list[0] && list[0].period) || null;
    });
  }

  function listed(period) {
    var list = state.periods[state.board] || [];
    for (var i = 0; i < list.length; i++) { if (list[i].period === period) { return list[i]; } }
    return null;
  }

  /** Puts the granularity and period pickers in step with the period the table shows. */
  function syncPicker(period, pageState, closed) {
    var parsed = P.parse(period);
    if (!parsed) { return; }
    var known = listed(period);
    if (known && pageState) { known.state = pageState; known.closed = closed; }
    $('granularity').value = parsed.kind;
    var sel = $('period-select');
    sel.textContent = '';
    var list = (state.periods[state.board] || []).filter(function (p) {
      return P.parse(p.period).kind === parsed.kind;
    });
    if (!known) {
      list = list.concat([{ period: period, state: pageState, closed: closed }]).sort(P.newestFirst);
    }
    list.forEach(function (p) {
      var s = p.period === period && pageState ? pageState : p.state;
      var o = el('option', P.label(p.period) + ' · ' + P.stateText(s, p.closed));
      o.value = p.period;
      o.dataset.state = s || '';
      sel.appendChild(o);
    });
    sel.value = period;
    sel.dataset.board = state.board;
    $('period-input').value = '';
  }

  // ---- navigation ------------------------------------------------------------------------------------------

  /**
   * Shows a view: {board, period, page, entity, view}; a missing board or period falls back to the first board
   * and its most recent period with data. {@code push} adds a history entry (false when answering Back/Forward).
   */
  function go(target, push) {
    var mine = ++state.seq;
    var opt = (target.board && boardOption(target.board)) || $('board').options[0];
    if (!opt) { return Promise.resolve(); }
    var boardChanged = opt.value !== state.board;
    $('board').value = opt.value;
    state.board = opt.value;
    state.limit = Number(opt.dataset.shown) || 20;
    $('board-title').textContent = opt.textContent;
    $('sim-target').textContent = opt.textContent;
    return periodsOf(state.board).then(function (list) {
      if (mine !== state.seq) { return null; }
      if (target.period && P.parse(target.period)) { return target.period; }
      return latestWithData(state.board, list, null);
    }).then(function (period) {
      if (mine !== state.seq) { return; }
      if (!period) {
        state.period = null;
        $('entries').textContent = '';
        $('period-select').textContent = '';
        $('period-select').dataset.board = state.board;
        $('board-meta').textContent = '';
        showMessage('message', '该榜单暂无数据 · This board has no periods yet.', false);
        writeUrl(push);
        return;
      }
      var periodChanged = period !== state.period;
      state.period = period;
      state.offset = (Math.max(1, target.page || 1) - 1) * state.limit;
      state.selected = target.entity || null;
      setView(target.view === 'sim' && canSimulate() ? 'sim' : 'board');
      if (boardChanged || periodChanged) { $('search-panel').hidden = true; }
      writeUrl(push);
      if (state.view === 'sim') { loadSimulation(boardChanged); }
      return loadPage(mine);
    });
  }

  function current(changes) {
    var t = {
      board: state.board, period: state.period, page: Math.floor(state.offset / state.limit) + 1,
      entity: state.selected, view: state.view
    };
    Object.keys(changes).forEach(function (k) { t[k] = changes[k]; });
    return t;
  }

  function loadPage(seq) {
    var path = '/boards/' + enc(state.board) + '/periods/' + enc(state.period)
        + '?offset=' + state.offset + '&limit=' + state.limit;
    return api(path).then(function (res) {
      if (seq !== state.seq) { return; }
      var body = $('entries');
      body.textContent = '';
      delete body.dataset.board;
      delete body.dataset.period;
      state.entries = [];
      if (res.status !== 200) {
        $('board-meta').textContent = '';
        syncPicker(state.period, null, false);
        showMessage('message', problemText(res), true);
        hideDetail();
        return;
      }
      showMessage('message', '', false);
      var page = res.body;
      state.total = page.total;
      state.entries = page.entries;
      syncPicker(page.period, page.state, page.closed);
      body.dataset.board = page.boardId;
      body.dataset.period = page.period;
      body.dataset.state = page.state || '';
      $('board-meta').textContent = P.label(page.period) + ' · ' + P.stateText(page.state, page.closed)
          + ' · 共 ' + page.total + ' 个 · ' + page.total + ' ranked';
      var opt = boardOption(state.board);
      var music = page.entries.some(function (e) { return e.topContributor; })
        || (opt && opt.dataset.topContributors === 'true');
      $('top-content-head').hidden = !music;
      page.entries.forEach(function (e) { body.appendChild(row(e, music)); });
      if (page.entries.length === 0) {
        var tr = el('tr');
        var td = el('td', page.state === 'EMPTY' ? '无数据 · no data in this period' : '本页无条目 · No entries on this page',
            'empty');
        td.colSpan = 8;
        tr.appendChild(td);
        body.appendChild(tr);
      }
      var pages = Math.max(1, Math.ceil(page.total / state.limit));
      $('page-info').textContent = (Math.floor(state.offset / state.limit) + 1) + ' / ' + pages;
      $('prev').disabled = state.offset === 0;
      $('next').disabled = state.offset + state.limit >= page.total;
      if (state.selected) {
        var found = page.entries.filter(function (e) { return e.entityId === state.selected; })[0];
        showDetail(found || { entityId: state.selected });
      } else {
        hideDetail();
      }
    });
  }

  function row(e, music) {
    var tr = el('tr');
    tr.dataset.entityId = e.entityId;
    if (state.mine[e.entityId]) { tr.classList.add('mine'); }
    if (e.entityId === state.selected) { tr.classList.add('selected'); }
    tr.appendChild(el('td', e.rank, 'num rank'));
    var mv = movement(e.movement);
    var mvCell = el('td', mv.text, 'mv ' + mv.cls);
    mvCell.title = e.movement || '';
    tr.appendChild(mvCell);
    var name = el('td', null, 'name');
    var link = el('button', e.name || e.entityId, 'entry-link');
    link.type = 'button';
    link.title = e.entityId;
    link.addEventListener('click', function () { select(e.entityId); });
    name.appendChild(link);
    if (e.catalogued === false) { name.appendChild(el('span', '未登记 uncatalogued', 'tag')); }
    if (state.mine[e.entityId]) { name.appendChild(el('span', '我的 · mine', 'tag tag-mine')); }
    tr.appendChild(name);
    tr.appendChild(el('td', fmt(e.score, 2), 'num score'));
    tr.appendChild(el('td', dash(e.previousRank), 'num secondary'));
    tr.appendChild(el('td', dash(e.peakRank), 'num secondary'));
    tr.appendChild(el('td', e.periodsOnBoard, 'num secondary'));
    if (music) {
      var top = e.topContributor
          ? (e.topContributorName || e.topContributor) + (e.topContributorOrders !== null
              && e.topContributorOrders !== undefined ? ' (' + e.topContributorOrders + ')' : '')
          : '–';
      tr.appendChild(el('td', top, 'top-content secondary'));
    }
    return tr;
  }

  function select(entityId) {
    state.selected = entityId;
    writeUrl(true);
    var found = state.entries.filter(function (x) { return x.entityId === entityId; })[0];
    showDetail(found || { entityId: entityId });
  }

  /** Shows an entity's page with it selected: its rank gives the page (the board pages by the shown size). */
  function jumpTo(entityId, rank) {
    var page = Math.floor((Math.max(1, rank) - 1) / state.limit) + 1;
    return go(current({ page: page, entity: entityId, view: 'board' }), true);
  }

  // ---- search and own campaigns ----------------------------------------------------------------------------

  function search(q, limit) {
    return api('/boards/' + enc(state.board) + '/periods/' + enc(state.period) + '/search?q=' + enc(q)
        + '&limit=' + (limit || 20));
  }

  function runSearch(q) {
    var panel = $('search-panel');
    var list = $('search-results');
    list.textContent = '';
    panel.hidden = false;
    $('search-summary').textContent = '…';
    search(q).then(function (res) {
      if (res.status !== 200) {
        $('search-summary').textContent = problemText(res);
        return;
      }
      var r = res.body;
      $('search-summary').textContent = '“' + r.query + '” · ' + r.period + ' · ' + r.total + ' 个 · found';
      r.entries.forEach(function (e) {
        var li = el('li');
        li.dataset.entityId = e.entityId;
        var b = el('button', '#' + e.rank + ' ' + (e.name || e.entityId), 'entry-link');
        b.type = 'button';
        b.addEventListener('click', function () { jumpTo(e.entityId, e.rank); });
        li.appendChild(b);
        li.appendChild(el('span', e.entityId + ' · ' + movement(e.movement).text + ' · ' + fmt(e.score, 2), 'tag'));
        list.appendChild(li);
      });
      if (r.entries.length === 0) { list.appendChild(el('li', '无结果 · nothing found', 'empty')); }
    });
  }

  /** "Find my entry": the entity's rank on the board-period shown (search by id), then its page. */
  function findEntry(entityId) {
    search(entityId, 50).then(function (res) {
      var hit = res.status === 200
          ? res.body.entries.filter(function (e) { return e.entityId === entityId; })[0] : null;
      if (hit) {
        jumpTo(entityId, hit.rank);
      } else {
        showMessage('message', res.status === 200
            ? entityId + ' 未在此榜单周期上榜 · is not ranked on this board-period' : problemText(res), res.status !== 200);
      }
    });
  }

  function loadMine() {
    if (!hasRole('advertiser')) { return Promise.resolve(); }
    return api('/me/campaigns').then(function (res) {
      if (res.status !== 200 || !Array.isArray(res.body)) { return; }
      var list = $('my-campaigns');
      list.textContent = '';
      res.body.forEach(function (c) {
        state.mine[c.entityId] = true;
        var li = el('li');
        li.dataset.entityId = c.entityId;
        var b = el('button', (c.name || c.entityId) + ' · 查找 find', 'entry-link');
        b.type = 'button';
        b.title = c.entityId;
        b.addEventListener('click', function () { findEntry(c.entityId); });
        li.appendChild(b);
        list.appendChild(li);
      });
      $('mine-panel').hidden = res.body.length === 0;
      Array.prototype.forEach.call(document.querySelectorAll('#entries tr[data-entity-id]'), function (tr) {
        if (state.mine[tr.dataset.entityId] && !tr.classList.contains('mine')) {
          tr.classList.add('mine');
          tr.querySelector('.name').appendChild(el('span', '我的 · mine', 'tag tag-mine'));
        }
      });
    });
  }

  // ---- CSV export ------------------------------------------------------------------------------------------

  /** The CSV needs an Accept header, so it is fetched and handed to the browser as a Blob behind <a download>. */
  function exportCsv(all) {
    if (!state.board || !state.period) { return; }
    var path = '/boards/' + enc(state.board) + '/periods/' + enc(state.period)
        + (all ? '?all=true' : '?offset=' + state.offset + '&limit=' + state.limit);
    request('GET', path, 'text/csv').then(function (r) {
      if (r.status !== 200) {
        return r.text().then(function (t) {
          var body = null;
          try { body = JSON.parse(t); } catch (e) { body = null; }
          showMessage('message', '导出失败 · Export failed: ' + problemText({ status: r.status, body: body }), true);
        });
      }
      var cd = r.headers.get('Content-Disposition') || '';
      var m = /filename="?([^";]+)"?/.exec(cd);
      var name = m ? m[1] : state.board + '-' + state.period + '.csv';
      return r.blob().then(function (blob) {
        var a = el('a');
        a.href = URL.createObjectURL(blob);
        a.download = name;
        a.hidden = true;
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 60000);
        showMessage('message', '已下载 · Downloaded ' + name + ' (' + blob.size + ' bytes)', false);
      });
    });
  }

  // ---- detail: breakdown tree and rank history -------------------------------------------------------------

  function chart(id) {
    if (typeof echarts === 'undefined') { return null; }
    if (!charts[id]) { charts[id] = echarts.init($(id), null, { renderer: 'canvas' }); }
    return charts[id];
  }

  function hideDetail() {
    $('detail').hidden = true;
    Array.prototype.forEach.call(document.querySelectorAll('#entries tr.selected'), function (tr) {
      tr.classList.remove('selected');
    });
  }

  function showDetail(e) {
    var id = e.entityId;
    Array.prototype.forEach.call(document.querySelectorAll('#entries tr'), function (tr) {
      tr.classList.toggle('selected', tr.dataset.entityId === id);
    });
    $('detail').hidden = false;
    $('detail').dataset.entityId = id;
    $('detail-title').textContent = e.name || id;
    $('detail-sub').textContent = id + ' · ' + state.period + (e.rank ? ' · #' + e.rank + ' · ' + fmt(e.score, 2) : '');
    $('detail-message').hidden = true;
    $('raw-rows').textContent = '';
    $('breakdown-legend').textContent = '';
    var board = state.board;
    var period = state.period;
    api('/entities/' + enc(id) + '/periods/' + enc(period) + '/explanation').then(function (res) {
      if (state.selected !== id || state.period !== period) { return; }
      if (res.status === 200) {
        $('breakdown-block').hidden = false;
        renderBreakdown(res.body);
      } else {
        $('breakdown-block').hidden = true;
        var m = $('detail-message');
        m.textContent = res.status === 403
            ? '无权查看此条目的因子明细 · You may not see this entry\'s breakdown (403): '
              + ((res.body && res.body.detail) || 'forbidden')
            : problemText(res);
        m.hidden = false;
      }
    });
    api('/boards/' + enc(board) + '/periods/' + enc(period) + '/entities/' + enc(id) + '/history?periods=8')
        .then(function (res) {
          if (state.selected !== id) { return; }
          if (res.status === 200) { renderHistory(res.body); }
        });
    if (window.innerWidth > 900) { $('detail').scrollIntoView({ block: 'nearest' }); }
  }

  /** code → {label, labelEn, parent}: the explanation's own labels (S3) where given, DESIGN's otherwise. */
  function nodeInfo(x) {
    var info = {};
    CODES.forEach(function (c) { info[c] = { label: LABELS[c][0], labelEn: LABELS[c][1], parent: PARENTS[c] }; });
    var given = x.nodes || x.labels || null;
    if (Array.isArray(given)) {
      given.forEach(function (n) { merge(info, n.code || n.id, n); });
    } else if (given && typeof given === 'object') {
      Object.keys(given).forEach(function (k) { merge(info, k, given[k]); });
    }
    return info;
  }

  function merge(info, code, n) {
    if (!code || !info[code] || !n || typeof n !== 'object') { return; }
    if (n.label) { info[code].label = n.label; }
    if (n.labelEn) { info[code].labelEn = n.labelEn; }
    if (n.parent !== undefined && (n.parent === null || info[n.parent])) { info[code].parent = n.parent; }
  }

  function contributionOf(x, code) {
    var v = (x.contributions || {})[code];
    if (v && typeof v === 'object') { v = v.contribution !== undefined ? v.contribution : v.value; }
    return Math.max(0, Number(v || 0));
  }

  function renderBreakdown(x) {
    $('detail-sub').textContent = x.entityId + ' · ' + x.period + ' · ' + x.profile + ' v' + x.profileVersion
        + ' · S = ' + fmt(x.s, 4) + ' · 指数 index = ' + fmt(x.index, 2);
    var info = nodeInfo(x);
    function children(parent) { return CODES.filter(function (c) { return info[c].parent === parent; }); }
    function node(code, color) {
      var kids = children(code);
      var c = COLORS[code] || color;
      var n = { name: code + ' ' + info[code].label + '\n' + info[code].labelEn, code: code, itemStyle: { color: c } };
      if (kids.length) {
        n.children = kids.map(function (k) { return node(k, c); });
      } else {
        n.value = contributionOf(x, code);
      }
      return n;
    }
    function leafLabel(p) { return p.data.code + ' ' + info[p.data.code].label; }
    var roots = children(null);
    var data = roots.map(function (r) { return node(r); });
    var c = chart('breakdown-chart');
    if (c) {
      c.setOption({
        animation: false,
        textStyle: { fontFamily: FONT },
        tooltip: {
          formatter: function (p) {
            var code = p.data.code;
            return code + ' ' + info[code].label + ' · ' + info[code].labelEn + ': ' + Number(p.value || 0).toFixed(4)
                + ' (' + (x.s > 0 ? (100 * (p.value || 0) / x.s).toFixed(1) : '0') + '% of S)';
          }
        },
        series: [{
          type: 'sunburst', data: data, radius: ['12%', '95%'], sort: null, nodeClick: false,
          label: { fontFamily: FONT, fontSize: 11, minAngle: 12 },
          levels: [{}, { label: { rotate: 0, fontSize: 12 } }, { label: { rotate: 0, fontSize: 11 } },
            { label: { rotate: 'radial', fontSize: 10, minAngle: 14, formatter: leafLabel } }]
        }]
      }, true);
      c.resize();
    }
    // The legend says the tree: C (channel) contains D (dimension) contains E (indicator); only E values add up.
    var legend = $('breakdown-legend');
    legend.textContent = '';
    roots.forEach(function (r) {
      legend.appendChild(legendItem(r, info, x, 'legend-c'));
      children(r).forEach(function (d) { legend.appendChild(legendItem(d, info, x, 'legend-d')); });
    });
    var rows = $('raw-rows');
    rows.textContent = '';
    var raw = x.raw || {};
    CODES.filter(function (k) { return k.charAt(0) === 'E'; }).forEach(function (k) {
      var tr = el('tr');
      tr.dataset.indicator = k;
      tr.appendChild(el('td', k + ' ' + info[k].label + ' ' + info[k].labelEn + ' (' + info[k].parent + ')'));
      tr.appendChild(el('td', raw[k] === undefined || raw[k] === null ? 0 : raw[k], 'num raw-value'));
      tr.appendChild(el('td', fmt(contributionOf(x, k), 4), 'num'));
      rows.appendChild(tr);
    });
  }

  function legendItem(code, info, x, cls) {
    var li = el('li', null, cls);
    li.dataset.code = code;
    var sw = el('span', null, 'swatch');
    sw.style.background = COLORS[code] || '#999';
    li.appendChild(sw);
    li.appendChild(el('span', code + ' ' + info[code].label + ' · ' + info[code].labelEn, 'legend-label'));
    var sum = 0;
    CODES.forEach(function (k) {
      var p = info[k].parent;
      while (p) { if (p === code) { sum += contributionOf(x, k); break; } p = info[p] && info[p].parent; }
    });
    li.appendChild(el('span', fmt(sum, 4), 'legend-value num'));
    return li;
  }

  function renderHistory(points) {
    var c = chart('history-chart');
    if (!c) { return; }
    var ranks = points.map(function (p) { return p.rank; });
    var max = ranks.reduce(function (m, r) { return r && r > m ? r : m; }, 1);
    c.setOption({
      animation: false,
      textStyle: { fontFamily: FONT },
      grid: { left: 40, right: 24, top: 28, bottom: 28 },
      tooltip: {
        trigger: 'axis',
        formatter: function (ps) {
          var p = points[ps[0].dataIndex];
          return p.period + ': ' + (p.rank ? '#' + p.rank + ' · ' + fmt(p.score, 2) : '未上榜 not ranked');
        }
      },
      xAxis: { type: 'category', data: points.map(function (p) { return p.period; }), axisLabel: { fontSize: 10 } },
      yAxis: { type: 'value', inverse: true, min: 1, max: Math.max(max, 3), minInterval: 1, name: 'rank',
               nameTextStyle: { fontSize: 10 } },
      series: [{
        type: 'line', data: ranks, connectNulls: false, symbolSize: 8, label: { show: true, position: 'right' }
      }]
    }, true);
    c.resize();
  }

  // ---- simulation (analysts and admins) --------------------------------------------------------------------

  function setView(view) {
    state.view = view;
    $('board-view').hidden = view !== 'board';
    $('sim-view').hidden = view !== 'sim';
    $('view-board').classList.toggle('active', view === 'board');
    $('view-sim').classList.toggle('active', view === 'sim');
    $('view-board').setAttribute('aria-pressed', String(view === 'board'));
    $('view-sim').setAttribute('aria-pressed', String(view === 'sim'));
  }

  /** Fills the weight form with the active version of the board's profile. */
  function loadSimulation(force) {
    var opt = boardOption(state.board);
    var profile = (opt && opt.dataset.profile) || 'standard';
    if (!force && $('sim-weights').dataset.profile === profile) { return; }
    $('sim-entries').textContent = '';
    api('/weight-profiles').then(function (res) {
      if (res.status !== 200) { showMessage('sim-message', problemText(res), true); return; }
      var active = res.body.filter(function (v) { return v.name === profile && v.status === 'ACTIVE'; })[0];
      if (!active) { showMessage('sim-message', 'no active version of profile ' + profile, true); return; }
      state.profileWeights = active.weights;
      $('sim-profile').textContent = '权重方案 · Profile: ' + active.name + ' v' + active.version;
      renderWeights(active.weights);
      $('sim-weights').dataset.profile = profile;
      showMessage('sim-message', '', false);
    });
  }

  function renderWeights(weights) {
    var box = $('sim-weights');
    box.textContent = '';
    ['C', 'D', 'E'].forEach(function (level) {
      var group = el('fieldset', null, 'weight-group');
      group.appendChild(el('legend', { C: 'C 渠道 · channel', D: 'D 维度 · dimension', E: 'E 指标 · indicator' }[level]));
      CODES.filter(function (k) { return k.charAt(0) === level; }).forEach(function (k) {
        var label = el('label', null, 'weight');
        label.appendChild(el('span', k + ' ' + LABELS[k][0], 'weight-name'));
        var input = el('input');
        input.type = 'number';
        input.step = 'any';
        input.min = '0';
        input.id = 'w-' + k;
        input.dataset.code = k;
        input.value = weights[k] === undefined ? '' : String(weights[k]);
        input.dataset.original = input.value;
        input.addEventListener('input', function () {
          label.classList.toggle('changed', input.value !== input.dataset.original);
        });
        label.appendChild(input);
        group.appendChild(label);
      });
      box.appendChild(group);
    });
  }

  function runSimulation() {
    var changed = {};
    Array.prototype.forEach.call(document.querySelectorAll('#sim-weights input'), function (i) {
      if (i.value !== i.dataset.original) { changed[i.dataset.code] = Number(i.value); }
    });
    if (Object.keys(changed).length === 0) {
      showMessage('sim-message', '请先修改权重 · Change at least one weight first', true);
      return;
    }
    showMessage('sim-message', '模拟中 · Running…', false);
    var path = '/boards/' + enc(state.board) + '/periods/' + enc(state.period) + '/simulate';
    api(path, 'POST', { weights: changed, limit: Math.max(state.limit, 20) }).then(function (res) {
      var body = $('sim-entries');
      body.textContent = '';
      delete body.dataset.period;
      if (res.status !== 200) { showMessage('sim-message', problemText(res), true); return; }
      var r = res.body;
      var given = r.given || Object.keys(changed);
      showMessage('sim-message', r.period + ' · 修改 · changed: ' + given.join(', ') + ' · 共 ' + r.total + ' 个 · ranked',
          false);
      r.entries.forEach(function (e) {
        var tr = el('tr');
        tr.dataset.entityId = e.entityId;
        tr.appendChild(el('td', e.rank, 'num rank'));
        var mv = movement(e.movement || simMovement(e));
        tr.appendChild(el('td', mv.text, 'mv ' + mv.cls));
        tr.appendChild(el('td', e.name || e.entityId, 'name'));
        tr.appendChild(el('td', fmt(e.score, 2), 'num score'));
        tr.appendChild(el('td', e.currentRank ? e.currentRank : '–', 'num secondary'));
        tr.appendChild(el('td', fmt(e.currentScore, 2), 'num secondary'));
        tr.appendChild(el('td', e.rankChange > 0 ? '+' + e.rankChange : String(e.rankChange || 0),
            'num secondary rank-change'));
        body.appendChild(tr);
      });
      body.dataset.period = r.period;
    });
  }

  function simMovement(e) {
    if (!e.currentRank) { return 'NEW'; }
    if (e.rankChange > 0) { return 'UP ' + e.rankChange; }
    if (e.rankChange < 0) { return 'DOWN ' + (-e.rankChange); }
    return 'SAME';
  }

  // ---- wiring ----------------------------------------------------------------------------------------------

  function init() {
    $('view-sim').hidden = !canSimulate();
    $('board').addEventListener('change', function () {
      go({ board: $('board').value, view: state.view }, true);
    });
    $('granularity').addEventListener('change', function () {
      var kind = $('granularity').value;
      latestWithData(state.board, state.periods[state.board] || [], kind).then(function (p) {
        var list = (state.periods[state.board] || []).filter(function (x) { return P.parse(x.period).kind === kind; });
        if (p && list.length) {
          go(current({ period: p, page: 1, entity: null }), true);
        } else {
          showMessage('message', '此粒度无周期 · No ' + kind.toLowerCase() + ' periods for this board', false);
          syncPicker(state.period, null, false);
        }
      });
    });
    $('period-select').addEventListener('change', function () {
      go(current({ period: $('period-select').value, page: 1, entity: null }), true);
    });
    $('period-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var p = $('period-input').value.trim();
      if (!P.parse(p)) {
        showMessage('message', '周期格式 · Periods are written 2024-02-14, 2024-W07, 2024-02 or 2024', true);
        return;
      }
      go(current({ period: p, page: 1, entity: null }), true);
    });
    $('search-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var q = $('search-input').value.trim();
      if (!q) { return; }
      runSearch(q);
    });
    $('prev').addEventListener('click', function () {
      go(current({ page: Math.max(1, Math.floor(state.offset / state.limit)), entity: null }), true);
    });
    $('next').addEventListener('click', function () {
      if (state.offset + state.limit < state.total) {
        go(current({ page: Math.floor(state.offset / state.limit) + 2, entity: null }), true);
      }
    });
    $('export-page').addEventListener('click', function () { exportCsv(false); });
    $('export-all').addEventListener('click', function () { exportCsv(true); });
    $('view-board').addEventListener('click', function () {
      if (state.view !== 'board') { setView('board'); writeUrl(true); }
    });
    $('view-sim').addEventListener('click', function () {
      if (state.view !== 'sim') { setView('sim'); writeUrl(true); loadSimulation(false); }
    });
    $('sim-form').addEventListener('submit', function (ev) { ev.preventDefault(); runSimulation(); });
    $('sim-reset').addEventListener('click', function () {
      if (state.profileWeights) { renderWeights(state.profileWeights); }
      $('sim-entries').textContent = '';
    });
    window.addEventListener('popstate', function () { go(readUrl(), false); });
    window.addEventListener('resize', function () {
      Object.keys(charts).forEach(function (k) { charts[k].resize(); });
    });
    ensureBoards().then(function () {
      loadMine();
      return go(readUrl(), false);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
