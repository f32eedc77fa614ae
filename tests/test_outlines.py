"""generator/outlines.py: the committed prefecture outlines stay as the script writes them."""

from __future__ import annotations

from generator.outputs import outlines


def test_data_file_is_exactly_what_the_regeneration_writes():
    # a hand edit (reordered keys, other spacing or rounding) would show here
    assert outlines.dump(outlines.prefecture_outlines()) == outlines.DATA_FILE.read_text("utf-8")


def test_dump_puts_one_prefecture_a_line():
    text = outlines.dump({"01": [[141.0, 43.0], [141.5, 43.25], [141.0, 43.0]], "02": [[140.0, 40.0]]})
    assert text == '{\n"01":[[141.0,43.0],[141.5,43.25],[141.0,43.0]],\n"02":[[140.0,40.0]]\n}\n'
