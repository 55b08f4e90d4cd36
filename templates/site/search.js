// The site's search form on Pagefind's index: no server and no other origin, only files of this site.
// Results are announced through the status line (role=status, aria-live=polite); the filters are plain
// select boxes, so everything works with the keyboard alone.
const form = document.getElementById('zoeken');
const input = document.getElementById('zoekterm');
const filterBox = document.getElementById('filters');
const status = document.getElementById('zoekstatus');
const list = document.getElementById('zoekresultaten');
const texts = document.getElementById('zoekteksten').dataset;
const root = new URL(form.dataset.root, document.baseURI);
const pagefind = await import(new URL(form.dataset.bundle, document.baseURI).href);
await pagefind.init();

const selects = [];
const filters = await pagefind.filters();
for (const [name, values] of Object.entries(filters).sort()) {
  const id = `filter-${selects.length}`;
  const paragraph = document.createElement('p');
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = name;
  const select = document.createElement('select');
  select.id = id;
  select.dataset.filter = name;
  const any = new Option(texts.any, '');
  select.append(any);
  for (const value of Object.keys(values).sort()) {
    select.append(new Option(`${value} (${values[value]})`, value));
  }
  select.addEventListener('change', run);
  paragraph.append(label, select);
  filterBox.append(paragraph);
  selects.push(select);
}
filterBox.hidden = selects.length === 0;

function chosenFilters() {
  const chosen = {};
  for (const select of selects) {
    if (select.value) chosen[select.dataset.filter] = select.value;
  }
  return chosen;
}

let latest = 0;
async function run(event) {
  if (event) event.preventDefault();
  const term = input.value.trim();
  const chosen = chosenFilters();
  const ticket = ++latest;
  if (!term && Object.keys(chosen).length === 0) {
    list.replaceChildren();
    status.textContent = '';
    return;
  }
  status.textContent = texts.busy;
  const search = await pagefind.search(term || null, { filters: chosen });
  const results = await Promise.all(search.results.slice(0, 20).map((result) => result.data()));
  if (ticket !== latest) return;  // a newer search has started meanwhile
  list.replaceChildren(...results.map((data) => {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = new URL(data.url.replace(/^\//, ''), root).href;
    link.textContent = data.meta.title || data.url;
    const excerpt = document.createElement('p');
    excerpt.textContent = data.content.slice(0, 240);
    item.append(link, excerpt);
    return item;
  }));
  const count = search.results.length;
  status.textContent = count === 0 ? texts.none : count === 1 ? texts.one : texts.many.replace('{n}', count);
}

form.addEventListener('submit', run);
input.addEventListener('input', run);
const asked = new URLSearchParams(location.search).get('q');
if (asked) {
  input.value = asked;
  run();
}
