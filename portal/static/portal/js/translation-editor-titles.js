// wagtail-localize's translation editor titles each tab's section with
// "<source> to <target> translation", an English sentence built in its JavaScript
// bundle without gettext, so no catalogue reaches it. The page gives both sentences
// (data-english, data-translated: the second through Django's translation, in the
// staff member's language); this replaces the first by the second wherever the
// editor draws it, also after it redraws.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var english = script.dataset.english;
  var translated = script.dataset.translated;
  if (!english || !translated || english === translated) return;

  function replace(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      if (node.nodeValue.trim() === english) node.nodeValue = translated;
    }
  }

  function start() {
    var editor = document.querySelector(".js-translation-editor");
    if (!editor) return;
    replace(editor);
    new MutationObserver(function () {
      replace(editor);
    }).observe(editor, { childList: true, subtree: true, characterData: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
