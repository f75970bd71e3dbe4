// The leaderboard page's behaviour, on top of the server-rendered table (which reads fine without
// it): sort by any metric column, hide results with extra training data or filter by a declared
// setting (the visible rows ranked again by the board's rules), name a chart point on hover, and
// copy the badge Markdown. Every value comes from the table's own data attributes.

const table = document.getElementById('leaderboard');
if (table) enhanceTable(table);
enhanceChart();
enhanceCopy();

function enhanceTable(table) {
  const body = table.tBodies[0];
  const primary = Number(table.dataset.primary);
  const ranked = table.dataset.ranked === 'true';
  const headers = [...table.tHead.rows[0].cells];
  const rankHeader = headers[0];
  const metricHeaders = headers.filter((th) => th.dataset.metric !== undefined);
  const directions = metricHeaders.map((th) => th.dataset.direction);
  const rows = [...body.rows].map((tr, order) => ({
    tr,
    order,
    values: JSON.parse(tr.dataset.values),
    extra: tr.dataset.extra === 'true',
    settings: JSON.parse(tr.dataset.settings),
    rankCell: tr.cells[0],
  }));
  const controls = document.querySelector('[data-controls]');
  const hideExtra = document.querySelector('[data-hide-extra]');
  const selects = [...document.querySelectorAll('select[data-setting]')];
  const status = document.getElementById('board-status');
  // The board's order: the server's ranking. `sort`: a metric column and a direction, or null.
  let sort = null;

  if (controls) controls.hidden = false;
  addSortButton(rankHeader, () => {
    sort = null;
    render();
  });
  metricHeaders.forEach((th, i) => {
    addSortButton(th, () => {
      const best = directions[i] === 'lower' ? 'ascending' : 'descending';
      const flipped = best === 'ascending' ? 'descending' : 'ascending';
      sort = { column: Number(th.dataset.metric), direction: sort && sort.column === Number(th.dataset.metric) && sort.direction === best ? flipped : best };
      render();
    });
  });
  hideExtra?.addEventListener('change', render);
  for (const select of selects) select.addEventListener('change', render);
  render();

  function render() {
    const visible = (row) =>
      !(hideExtra?.checked && row.extra) && selects.every((s) => s.value === '' || row.settings[Number(s.dataset.setting)] === s.value);
    // Rank the visible rows as the board does: in its order, equal primary values sharing a rank.
    let count = 0;
    let previous = null;
    for (const row of rows) {
      row.tr.hidden = !visible(row);
      if (row.tr.hidden) continue;
      const value = row.values[primary];
      if (!ranked || value === null) {
        row.rankCell.textContent = '—';
        continue;
      }
      count++;
      if (!previous || previous.value !== value) previous = { value, rank: count };
      row.rankCell.textContent = String(previous.rank);
    }
    const order = [...rows];
    if (sort) {
      const sign = sort.direction === 'ascending' ? 1 : -1;
      order.sort((a, b) => {
        const x = a.values[sort.column];
        const y = b.values[sort.column];
        if (x === null || y === null) return (x === null) - (y === null) || a.order - b.order;
        return sign * (x - y) || a.order - b.order;
      });
    }
    for (const row of order) body.appendChild(row.tr);
    for (const th of [rankHeader, ...metricHeaders]) th.removeAttribute('aria-sort');
    if (sort) metricHeaders.find((th) => Number(th.dataset.metric) === sort.column)?.setAttribute('aria-sort', sort.direction);
    else if (ranked) metricHeaders.find((th) => Number(th.dataset.metric) === primary)?.setAttribute('aria-sort', directions[metricHeaders.findIndex((th) => Number(th.dataset.metric) === primary)] === 'lower' ? 'ascending' : 'descending');
    const shown = rows.filter((r) => !r.tr.hidden).length;
    if (status) status.textContent = shown === rows.length ? `${rows.length} results` : `Showing ${shown} of ${rows.length} results`;
  }
}

function addSortButton(th, onClick) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'sort';
  button.textContent = th.textContent;
  button.addEventListener('click', onClick);
  th.textContent = '';
  th.appendChild(button);
}

function enhanceChart() {
  const figure = document.querySelector('.chart-box');
  const tip = figure?.querySelector('.chart-tip');
  if (!figure || !tip) return;
  const show = (point) => {
    const box = figure.getBoundingClientRect();
    const at = point.getBoundingClientRect();
    tip.textContent = point.dataset.label;
    tip.style.left = `${at.left + at.width / 2 - box.left}px`;
    tip.style.top = `${at.top - box.top}px`;
    tip.hidden = false;
    point.classList.add('on');
  };
  const hide = (point) => {
    tip.hidden = true;
    point.classList.remove('on');
  };
  for (const point of figure.querySelectorAll('circle[data-label]')) {
    point.addEventListener('mouseenter', () => show(point));
    point.addEventListener('mouseleave', () => hide(point));
  }
}

function enhanceCopy() {
  for (const button of document.querySelectorAll('button[data-copy]')) {
    const field = document.getElementById(button.dataset.copy);
    if (!field) continue;
    button.hidden = false;
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(field.value);
      } catch {
        // No clipboard permission (or an insecure origin): select the text for the reader to copy.
        field.select();
        document.execCommand?.('copy');
      }
      button.textContent = 'Copied';
      setTimeout(() => (button.textContent = 'Copy'), 2000);
    });
  }
}
