/*
 * Period arithmetic for the dashboard's picker (DESIGN section 4): day 2024-02-14, ISO week 2024-W07,
 * month 2024-02, year 2024. Dates are calendar dates, so UTC Date objects are used only as date holders.
 */
(function () {
  'use strict';

  var DAY_MS = 86400000;
  var WEEKDAYS = ['周日 Sun', '周一 Mon', '周二 Tue', '周三 Wed', '周四 Thu', '周五 Fri', '周六 Sat'];
  /** Coarse to fine, the order of the granularity picker. */
  var KINDS = ['YEAR', 'MONTH', 'WEEK', 'DAY'];
  var KIND_TEXT = { YEAR: '年 · year', MONTH: '月 · month', WEEK: '周 · week', DAY: '日 · day' };

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  function utc(y, m, d) { return new Date(Date.UTC(y, m - 1, d)); }

  /** Monday of ISO week 1: the week that holds 4 January. */
  function isoWeekOneMonday(year) {
    var jan4 = utc(year, 1, 4);
    var dow = jan4.getUTCDay() || 7;
    return new Date(jan4.getTime() - (dow - 1) * DAY_MS);
  }

  /** {id, kind, start, end} with end exclusive, or null when the text is not a period. */
  function parse(id) {
    var m;
    if ((m = /^(\d{4})$/.exec(id))) {
      return { id: id, kind: 'YEAR', start: utc(+m[1], 1, 1), end: utc(+m[1] + 1, 1, 1) };
    }
    if ((m = /^(\d{4})-(\d{2})$/.exec(id)) && +m[2] >= 1 && +m[2] <= 12) {
      return { id: id, kind: 'MONTH', start: utc(+m[1], +m[2], 1), end: utc(+m[1], +m[2] + 1, 1) };
    }
    if ((m = /^(\d{4})-W(\d{2})$/.exec(id)) && +m[2] >= 1 && +m[2] <= 53) {
      var start = new Date(isoWeekOneMonday(+m[1]).getTime() + (+m[2] - 1) * 7 * DAY_MS);
      return { id: id, kind: 'WEEK', start: start, end: new Date(start.getTime() + 7 * DAY_MS) };
    }
    if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(id))) {
      var d = utc(+m[1], +m[2], +m[3]);
      if (d.getUTCMonth() + 1 !== +m[2]) { return null; }
      return { id: id, kind: 'DAY', start: d, end: new Date(d.getTime() + DAY_MS) };
    }
    return null;
  }

  function md(date) { return pad(date.getUTCMonth() + 1) + '-' + pad(date.getUTCDate()); }

  /** "2024-W19 · 05-06 – 05-12", "2024-05 · 05-01 – 05-31", "2024-05-06 · 周一 Mon". */
  function label(id) {
    var p = parse(id);
    if (!p) { return id; }
    if (p.kind === 'DAY') { return id + ' · ' + WEEKDAYS[p.start.getUTCDay()]; }
    var last = new Date(p.end.getTime() - DAY_MS);
    return id + ' · ' + md(p.start) + ' – ' + md(last);
  }

  /** The words for a period's state: OPEN, CLOSED (frozen) or EMPTY (ended, nothing ranked). */
  function stateText(state, closed) {
    if (state === 'EMPTY') { return '无数据 · no data'; }
    if (state === 'CLOSED' || (!state && closed)) { return '已结束 · closed'; }
    return '进行中 · open';
  }

  /** Most recent first: later end first, then the finer period (a day before the week that ends with it). */
  function newestFirst(a, b) {
    var pa = parse(a.period);
    var pb = parse(b.period);
    if (!pa || !pb) { return pa ? -1 : (pb ? 1 : 0); }
    if (pa.end.getTime() !== pb.end.getTime()) { return pb.end.getTime() - pa.end.getTime(); }
    return (pa.end - pa.start) - (pb.end - pb.start);
  }

  window.CaimeiPeriods = {
    KINDS: KINDS, KIND_TEXT: KIND_TEXT, parse: parse, label: label, stateText: stateText,
    newestFirst: newestFirst
  };
}());
