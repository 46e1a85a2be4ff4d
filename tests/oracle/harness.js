// The reveal.js side of the differential deck tests: renders decks exactly as reveal-md 5.3.4
// shows them, with reveal.js 4.3.1's own markdown plugin (and the marked it bundles).
// Loaded by revealjs.py into a blank Chromium page after plugin/markdown/markdown.js.
//
// reveal-md does two passes, both reproduced here:
//  1. on the server (lib/render.js), `slidify(markdown, {separator, verticalSeparator})` turns
//     the deck (front matter already stripped) into <section data-markdown><script
//     type="text/template">…</script></section>, rendering notes with marked's defaults;
//  2. in the page, the plugin's init() re-slidifies every section's text (default separator,
//     no vertical one) and converts it with marked and its own code renderer, then applies
//     <!-- .element --> / <!-- .slide --> comments (addAttributes).
// Every deck of a batch is slidified before the first init(), because init() sets marked's
// options globally and reveal-md's server never calls it.

/* global RevealMarkdown */

window.renderDecks = async function renderDecks(decks) {
  const server = RevealMarkdown();
  // A fresh server for this batch: undo the options an earlier batch's init() set.
  server.marked.setOptions(server.marked.getDefaults());
  const html = decks.map((deck) => server.slidify(deck.markdown, { ...deck.options }));

  const reveal = document.createElement('div');
  reveal.className = 'reveal';
  html.forEach((sections, index) => {
    const slides = document.createElement('div');
    slides.className = 'slides';
    slides.dataset.deck = String(index);
    slides.innerHTML = sections;
    reveal.appendChild(slides);
  });
  document.body.appendChild(reveal);

  const plugin = RevealMarkdown();
  await plugin.init({ getRevealElement: () => reveal, getConfig: () => ({}) });

  const result = Array.from(reveal.children).map(slidesOf);
  reveal.remove();
  return result;
};

// The other side: coursekit's slides as its deck page holds them (`<section>`s written one
// after another), parsed by the same browser, so a slide whose HTML leaks into the next one
// shows here as it does to a student.
window.readPages = function readPages(pages) {
  return pages.map((html) => {
    const slides = document.createElement('div');
    slides.className = 'slides';
    slides.innerHTML = html;
    return slidesOf(slides);
  });
};

// Every slide in a `.slides` element, in presentation order, with its h/v position.
function slidesOf(slides) {
  const out = [];
  const tops = Array.from(slides.children).filter((child) => child.tagName === 'SECTION');
  tops.forEach((top, h) => {
    const stack = Array.from(top.children).filter((child) => child.tagName === 'SECTION');
    const leaves = stack.length ? stack : [top];
    leaves.forEach((section, v) => out.push(slideOf(section, h, v)));
  });
  return out;
}

// One slide as plain data: its <section>'s attributes (the plugin's own markers left out),
// its content without speaker notes, and the notes (reveal.js shows every aside.notes,
// joined); content and notes as trees (see treeOf), so Python need not parse HTML again.
function slideOf(section, h, v) {
  const attrs = {};
  for (const attr of section.attributes) {
    if (!/^data-markdown/.test(attr.name)) attrs[attr.name] = attr.value;
  }
  const copy = section.cloneNode(true);
  const asides = Array.from(copy.querySelectorAll('aside.notes'));
  const notes = asides.length ? asides.flatMap((aside) => childrenOf(aside)) : null;
  asides.forEach((aside) => aside.remove());
  return { h, v, attrs, html: childrenOf(copy), notes };
}

// A node as JSON: a text is a string, a comment {comment: text}, an element
// [localName, {attributes}, [children]] (a <template>'s content counts as its children).
function treeOf(node) {
  if (node.nodeType === Node.TEXT_NODE) return node.data;
  if (node.nodeType === Node.COMMENT_NODE) return { comment: node.data };
  const attrs = {};
  for (const attr of node.attributes) attrs[attr.name] = attr.value;
  return [node.localName, attrs, childrenOf(node.content || node)];
}

function childrenOf(node) {
  return Array.from(node.childNodes)
    .filter((child) => [Node.TEXT_NODE, Node.COMMENT_NODE, Node.ELEMENT_NODE].includes(child.nodeType))
    .map(treeOf);
}
