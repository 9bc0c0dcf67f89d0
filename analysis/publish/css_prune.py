"""Dropping the stylesheet rules a report cannot use.

nbconvert's lab template embeds all of JupyterLab's CSS (about 220 KB: toolbars, dialogs,
icons as data URLs, editor themes) in every report. A report is static HTML with no script,
so the classes and ids in its markup are all it will ever have: a rule whose selector names
a class or id that the page does not contain can never match, and a custom property
(``--jp-…``) that no kept rule or inline style reads is dead. Removing both leaves about
13 KB and renders pixel-identically (checked in Chromium at 1280 and 390 px; see
bench/README.md). Selectors are kept when in doubt: ``:not()``, ``:is()``, ``:where()``,
``:has()`` and attribute selectors never cause a rule to be dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ID = re.compile(r"#(-?[_a-zA-Z][\w-]*)")
_FUNCTIONAL = re.compile(r":(?:not|is|where|has)\((?:[^()]|\([^()]*\))*\)")
_ATTRIBUTE = re.compile(r"\[[^\]]*\]")
_VAR_USE = re.compile(r"var\(\s*(--[\w-]+)")
_STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.DOTALL)
_GROUPS = ("@media", "@supports", "@layer", "@container")

# A rule: [prelude, declarations (list of str) | nested rules | None, is_group]
Rule = list


def _split(text: str, separator: str) -> list[str]:
    """Split at ``separator`` outside quotes, parentheses, brackets and braces."""
    parts, depth, quote, start = [], 0, "", 0
    for i, char in enumerate(text):
        if quote:
            if char == quote and text[i - 1] != "\\":
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


@lru_cache(maxsize=64)
def _blocks(css: str) -> tuple[tuple[str, str | None], ...]:
    """Top-level (prelude, body) pairs; body None for statements such as @import. Cached:
    every report of a build embeds the same stylesheets (a third of the pruning time)."""
    blocks, i, n = [], 0, len(css)
    while i < n:
        brace, semicolon = css.find("{", i), css.find(";", i)
        if brace == -1:
            break
        if semicolon != -1 and semicolon < brace and css[i:semicolon].strip().startswith("@"):
            blocks.append((css[i:semicolon].strip(), None))
            i = semicolon + 1
            continue
        depth, end = 1, brace + 1
        while end < n and depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        blocks.append((css[i:brace].strip(), css[brace + 1:end - 1]))
        i = end
    return tuple(blocks)


def _can_match(selector: str, classes: set[str], ids: set[str]) -> bool:
    plain = _ATTRIBUTE.sub("", _FUNCTIONAL.sub("", selector))
    return all(c in classes for c in _CLASS.findall(plain)) and \
        all(i in ids for i in _ID.findall(plain))


def _rules(css: str, classes: set[str], ids: set[str]) -> list[Rule]:
    rules: list[Rule] = []
    for prelude, body in _blocks(css):
        if body is None:
            rules.append([prelude, None, False])
        elif prelude.startswith(_GROUPS):
            inner = _rules(body, classes, ids)
            if inner:
                rules.append([prelude, inner, True])
        elif prelude.startswith("@"):  # @font-face, @keyframes, @page: kept as they are
            rules.append([prelude, [body.strip()], False])
        else:
            kept = [s for s in _split(prelude, ",") if _can_match(s, classes, ids)]
            if kept:
                rules.append([",".join(kept), _split(body, ";"), False])
    return rules


def _plain(rules: list[Rule]):
    for rule in rules:
        if rule[2]:
            yield from _plain(rule[1])
        elif rule[1] is not None:
            yield rule


def _render(rules: list[Rule]) -> str:
    out = []
    for prelude, body, group in rules:
        if body is None:
            out.append(prelude + ";")
        elif group:
            inner = _render(body)
            if inner:
                out.append(prelude + "{" + inner + "}")
        elif body:
            out.append(prelude + "{" + ";".join(body) + "}")
    return "\n".join(out)


def prune_styles(html: str) -> str:
    """``html`` with every <style> block reduced to the rules its markup can use."""
    sheets = [m.group(2) for m in _STYLE.finditer(html)]
    if not sheets:
        return html
    markup = _STYLE.sub("", html)
    # Classes in the markup, and those the page's own script gives elements it creates.
    named = re.findall(r'class="([^"]*)"', markup) + \
        re.findall(r'className\s*=\s*"([^"]*)"', markup)
    classes = {c for attr in named for c in attr.split()}
    ids = set(re.findall(r'id="([^"]*)"', markup))
    parsed = [_rules(_COMMENT.sub("", css), classes, ids) for css in sheets]
    plain = [rule for rules in parsed for rule in _plain(rules)]
    while True:  # drop custom properties that nothing kept reads, until none is left
        used = {v for rule in plain for d in rule[1] for v in _VAR_USE.findall(d)}
        used |= set(_VAR_USE.findall(markup))
        removed = False
        for rule in plain:
            keep = [d for d in rule[1]
                    if not d.startswith("--") or d.split(":", 1)[0].strip() in used]
            removed |= len(keep) != len(rule[1])
            rule[1] = keep
        if not removed:
            break
    pruned = iter(_render(rules) for rules in parsed)
    return _STYLE.sub(lambda m: m.group(1) + next(pruned) + m.group(3), html)
