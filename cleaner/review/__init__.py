"""Review: a page showing every edit of a run, and plans that apply only the accepted ones.

- :mod:`cleaner.review.trace`: the edits of all passes laid over the input, character by
  character, with what depends on what, and the replay of a run minus rejected edits;
- :mod:`cleaner.review.page`: the self-contained HTML page (``cleaner review``);
- :mod:`cleaner.review.plan`: plan files (``cleaner --plan``);
- :mod:`cleaner.review.inputs`: the documents a page shows (a file, a folder, JSON lines).

The page's CSS and JS are package data (``review.css``, ``review.js``, ``page.html``),
inlined into each page.
"""
