"""A chart's texts are escaped and its bars drawn to scale, a target marked (bistand.diagram;
docs/arkitektur.md: figures that people compare are drawn)."""

from __future__ import annotations

import re

from bistand.diagram import stapeldiagram


def test_names_and_units_are_escaped_and_bars_are_drawn_to_scale():
    svg = stapeldiagram(
        [("Anna <b>Ö</b> & co", 10), ("Bo", 5)], titel="Akter <per>", enhet='st & "x"'
    )
    assert "<b>" not in svg
    assert "Anna &lt;b&gt;Ö&lt;/b&gt; &amp; co" in svg
    assert "10 st &amp; &quot;x&quot;" in svg
    bredder = [int(b) for b in re.findall(r'<rect x="250" y="\d+" width="(\d+)"', svg)]
    assert bredder == [bredder[1] * 2, bredder[1]]
    assert "<title" in svg and "Akter &lt;per&gt;" in svg


def test_bars_over_the_target_are_marked_and_the_target_is_drawn():
    svg = stapeldiagram([("A", 30), ("B", 10)], titel="Väntetid", enhet="dagar", markera_over=21)
    assert svg.count('fill="#a4000f"') == 1
    assert "stroke-dasharray" in svg
    assert "30 dagar" in svg and "10 dagar" in svg
