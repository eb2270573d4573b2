/*
 * Caimei Index dashboard. Holds no token: every call goes to the gateway's session-authenticated /ui/api.
 * Every value from the server is put into the page with textContent (never innerHTML), so names are inert.
 */
(function () {
  'use strict';

  var INDICATORS = {
    E1: '曝光次数 exposures', E2: '曝光人数 exposed people', E3: '订购数 orders', E4: 'N#互动数 N# interactions',
    E5: '播放数 plays', E6: '点赞数 likes', E7: '分享数 shares', E8: '评论数 comments', E9: '收藏数 favourites',
    E10: '粉丝数 followers', E11: '内容发布数 works published', E12: '创作工具交互次数 creation-tool interactions',
    E13: '创作工具付费人数 paying creation-tool users'
  };
  var NODES = {
    C1: '电信网络 telecom', C2: '互联网 internet', D1: '曝光 exposure', D2: '互动 interaction',
    D3: '传播 propagation', D4: '创作 creation'
  };
  var GRANULARITY = { DAY: '日 day', WEEK: '周 week', MONTH: '月 month', YEAR: '年 year' };
  var PERIOD = /^\d{4}(-W\d{2}|-\d{2}(-\d{2})?)?$/;

  var state = { board: null, period: null, offset: 0, limit: 20, total: 0, selected: null, seq: 0 };
  var charts = {};

  function $(id) { return document.getElementById(id); }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  /** GET a /ui/api path; resolves to {status, body}; a lost session (499) reloads the page to sign in again. */
  function api(path) {
    return fetch('/ui/api' + path, {
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'X-Requested-With': 'JavaScript' }
    }).then(function (r) {
      if (r.status === 499 || r.status === 401) {
        window.location.reload();
        return new Promise(function () {});
      }
      return r.text().then(function (t) {
        var body = null;
        try { body = t ? JSON.parse(t) : null; } catch (e) { body = null; }
        return { status: r.status, body: body };
      });
    });
  }

  function problemText(res) {
    var b = res.body || {};
    return (b.title || 'Error') + ' (' + res.status + ')' + (b.detail ? ': ' + b.detail : '');
  }

  function showMessage(text, isError) {
    var m = $('message');
    m.textContent = text || '';
    m.hidden = !text;
    m.className = 'message' + (isError ? ' error' : '');
  }

  function enc(s) { return encodeURIComponent(s); }

  function movement(mv) {
    if (!mv) { return { text: '', cls: '' }; }
    var parts = String(mv).split(' ');
    switch (parts[0]) {
      case 'UP': return { text: '▲' + (parts[1] || ''), cls: 'up' };
      case 'DOWN': return { text: '▼' + (parts[1] || ''), cls: 'down' };
      case 'SAME': return { text: '–', cls: 'same' };
      case 'NEW': return { text: 'NEW', cls: 'new' };
      case 'RE_ENTRY': return { text: 'RE', cls: 're' };
      default: return { text: String(mv), cls: '' };
    }
  }

  function fmt(n, digits) {
    return (n === null || n === undefined) ? '–' : Number(n).toFixed(digits);
  }

  /** DESIGN section 4: OPEN, CLOSED (frozen) or EMPTY (ended, nothing ranked). */
  function stateText(page) {
    if (page.state === 'EMPTY') { return '无数据 empty'; }
    return page.closed ? '已结束 closed' : '进行中 open';
  }

  function selectedBoardOption() {
    var s = $('board');
    return s.options[s.selectedIndex];
  }

  function ensureBoards() {
    if ($('board').options.length > 0) { return Promise.resolve(); }
    return api('/boards').then(function (res) {
      if (res.status !== 200) { showMessage(problemText(res), true); return; }
      res.body.forEach(function (b) {
        var o = el('option', b.name + ' · ' + b.englishName);
        o.value = b.id;
        o.dataset.shown = b.shown;
        o.dataset.topContributors = b.topContributors ? 'yes' : 'no';
        $('board').appendChild(o);
      });
      var err = $('boards-error');
      if (err) { err.hidden = true; }
    });
  }

  function loadPeriods() {
    var opt = selectedBoardOption();
    if (!opt) { return Promise.resolve(); }
    state.board = opt.value;
    state.limit = Number(opt.dataset.shown) || 20;
    $('board-title').textContent = opt.textContent;
    var mine = ++state.seq;
    return api('/boards/' + enc(state.board) + '/periods').then(function (res) {
      if (mine !== state.seq) { return; }
      var sel = $('period-select');
      sel.textContent = '';
      if (res.status !== 200) { showMessage(problemText(res), true); return; }
      res.body.forEach(function (p) {
        var o = el('option', p.period + ' · ' + (GRANULARITY[p.granularity] || p.granularity)
            + (p.closed ? ' · 已结束 closed' : ' · 进行中 open'));
        o.value = p.period;
        sel.appendChild(o);
      });
      if (res.body.length === 0) {
        state.period = null;
        $('entries').textContent = '';
        $('board-meta').textContent = '';
        showMessage('该榜单暂无数据 · This board has no periods yet.', false);
        return;
      }
      sel.dataset.board = state.board;
      var keep = res.body.some(function (p) { return p.period === state.period; });
      if (!keep) { state.period = res.body[0].period; }
      sel.value = state.period;
      state.offset = 0;
      return loadPage();
    });
  }

  function loadPage() {
    if (!state.board || !state.period) { return Promise.resolve(); }
    var path = '/boards/' + enc(state.board) + '/periods/' + enc(state.period)
        + '?offset=' + state.offset + '&limit=' + state.limit;
    var mine = ++state.seq;
    return api(path).then(function (res) {
      if (mine !== state.seq) { return; }
      var body = $('entries');
      body.textContent = '';
      delete body.dataset.board;
      delete body.dataset.period;
      if (res.status !== 200) {
        $('board-meta').textContent = '';
        showMessage(problemText(res), true);
        return;
      }
      showMessage('', false);
      var page = res.body;
      body.dataset.board = page.boardId;
      body.dataset.period = page.period;
      state.total = page.total;
      $('board-meta').textContent = page.period + ' · ' + stateText(page)
          + ' · 共 ' + page.total + ' 个 · ' + page.total + ' ranked';
      var opt = selectedBoardOption();
      var music = page.entries.some(function (e) { return e.topContributor; })
        || (opt && opt.dataset.topContributors === 'yes');
      $('top-content-head').hidden = !music;
      page.entries.forEach(function (e) { body.appendChild(row(e, music)); });
      if (page.entries.length === 0) {
        var tr = el('tr');
        var td = el('td', '本页无条目 · No entries on this page', 'empty');
        td.colSpan = 8;
        tr.appendChild(td);
        body.appendChild(tr);
      }
      var pages = Math.max(1, Math.ceil(page.total / state.limit));
      $('page-info').textContent = (Math.floor(state.offset / state.limit) + 1) + ' / ' + pages;
      $('prev').disabled = state.offset === 0;
      $('next').disabled = state.offset + state.limit >= page.total;
    });
  }

  function row(e, music) {
    var tr = el('tr');
    tr.dataset.entityId = e.entityId;
    tr.appendChild(el('td', e.rank, 'num rank'));
    var mv = movement(e.movement);
    tr.appendChild(el('td', mv.text, 'mv ' + mv.cls));
    var name = el('td', null, 'name');
    var link = el('button', e.name || e.entityId, 'entry-link');
    link.type = 'button';
    link.title = e.entityId;
    link.addEventListener('click', function () { showDetail(e); });
    name.appendChild(link);
    if (e.catalogued === false) { name.appendChild(el('span', '未登记 uncatalogued', 'tag')); }
    tr.appendChild(name);
    tr.appendChild(el('td', fmt(e.score, 2), 'num score'));
    tr.appendChild(el('td', e.previousRank === null || e.previousRank === undefined ? '–' : e.previousRank, 'num'));
    tr.appendChild(el('td', e.peakRank === null || e.peakRank === undefined ? '–' : e.peakRank, 'num'));
    tr.appendChild(el('td', e.periodsOnBoard, 'num'));
    if (music) {
      var top = e.topContributor
          ? (e.topContributorName || e.topContributor) + (e.topContributorOrders !== null
              && e.topContributorOrders !== undefined ? ' (' + e.topContributorOrders + ')' : '')
          : '–';
      tr.appendChild(el('td', top, 'top-content'));
    }
    return tr;
  }

  function chart(id) {
    if (typeof echarts === 'undefined') { return null; }
    if (!charts[id]) { charts[id] = echarts.init($(id), null, { renderer: 'canvas' }); }
    return charts[id];
  }

  function showDetail(e) {
    state.selected = e;
    Array.prototype.forEach.call(document.querySelectorAll('#entries tr'), function (tr) {
      tr.classList.toggle('selected', tr.dataset.entityId === e.entityId);
    });
    $('detail').hidden = false;
    $('detail-title').textContent = e.name || e.entityId;
    $('detail-sub').textContent = e.entityId + ' · ' + state.period + ' · #' + e.rank + ' · ' + fmt(e.score, 2);
    $('detail-message').hidden = true;
    $('raw-rows').textContent = '';
    var board = state.board;
    var period = state.period;
    api('/entities/' + enc(e.entityId) + '/periods/' + enc(period) + '/explanation').then(function (res) {
      if (state.selected !== e) { return; }
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
    api('/boards/' + enc(board) + '/periods/' + enc(period) + '/entities/' + enc(e.entityId) + '/history?periods=8')
        .then(function (res) {
          if (state.selected !== e) { return; }
          if (res.status === 200) { renderHistory(res.body); }
        });
    $('detail').scrollIntoView({ block: 'nearest' });
  }

  function renderBreakdown(x) {
    $('detail-sub').textContent = x.entityId + ' · ' + x.period + ' · ' + x.profile + ' v' + x.profileVersion
        + ' · S = ' + fmt(x.s, 4) + ' · 指数 index = ' + fmt(x.index, 2);
    var keys = ['C1', 'C2', 'D1', 'D2', 'D3', 'D4'];
    for (var i = 1; i <= 13; i++) { keys.push('E' + i); }
    var contributions = x.contributions || {};
    var colors = { C: '#c0392b', D: '#e67e22', E: '#2980b9' };
    var data = keys.map(function (k) {
      return { value: Number(contributions[k] || 0), itemStyle: { color: colors[k.charAt(0)] } };
    });
    var c = chart('breakdown-chart');
    if (c) {
      c.setOption({
        animation: false,
        grid: { left: 48, right: 16, top: 24, bottom: 28 },
        tooltip: {
          trigger: 'axis',
          formatter: function (ps) {
            var k = ps[0].name;
            return k + ' ' + (NODES[k] || INDICATORS[k] || '') + ': ' + Number(ps[0].value).toFixed(4);
          }
        },
        xAxis: { type: 'category', data: keys, axisLabel: { interval: 0, fontSize: 10 } },
        yAxis: { type: 'value', name: 'S', nameTextStyle: { fontSize: 10 } },
        series: [{ type: 'bar', data: data, barMaxWidth: 22 }]
      }, true);
      c.resize();
    }
    var rows = $('raw-rows');
    rows.textContent = '';
    var raw = x.raw || {};
    for (var j = 1; j <= 13; j++) {
      var k = 'E' + j;
      var tr = el('tr');
      tr.dataset.indicator = k;
      tr.appendChild(el('td', k + ' ' + INDICATORS[k]));
      tr.appendChild(el('td', raw[k] === undefined || raw[k] === null ? 0 : raw[k], 'num raw-value'));
      tr.appendChild(el('td', fmt(contributions[k] || 0, 4), 'num'));
      rows.appendChild(tr);
    }
  }

  function renderHistory(points) {
    var c = chart('history-chart');
    if (!c) { return; }
    var ranks = points.map(function (p) { return p.rank; });
    var max = ranks.reduce(function (m, r) { return r && r > m ? r : m; }, 1);
    c.setOption({
      animation: false,
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
      series: [{ type: 'line', data: ranks, connectNulls: false, symbolSize: 8, label: { show: true, position: 'right' } }]
    }, true);
    c.resize();
  }

  function init() {
    $('board').addEventListener('change', function () {
      $('detail').hidden = true;
      state.selected = null;
      loadPeriods();
    });
    $('period-select').addEventListener('change', function () {
      state.period = $('period-select').value;
      state.offset = 0;
      $('detail').hidden = true;
      loadPage();
    });
    $('period-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var p = $('period-input').value.trim();
      if (!PERIOD.test(p)) {
        showMessage('周期格式 · Periods are written 2024-02-14, 2024-W07, 2024-02 or 2024', true);
        return;
      }
      state.period = p;
      state.offset = 0;
      $('detail').hidden = true;
      loadPage();
    });
    $('prev').addEventListener('click', function () {
      state.offset = Math.max(0, state.offset - state.limit);
      loadPage();
    });
    $('next').addEventListener('click', function () {
      if (state.offset + state.limit < state.total) { state.offset += state.limit; loadPage(); }
    });
    window.addEventListener('resize', function () {
      Object.keys(charts).forEach(function (k) { charts[k].resize(); });
    });
    ensureBoards().then(loadPeriods);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
