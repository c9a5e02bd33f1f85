"""html_to_blocks / blocks_to_text on editor HTML."""
from __future__ import annotations

from crawler.extract.text import Block, blocks_to_text, html_to_blocks


def test_paragraphs_lists_headings_and_white_space() -> None:
    html = (
        '<div class="ap-paragraph"><div class="headline"><h3>Statement</h3></div>'
        "<div><p>We  <strong>salute</strong>\n the struggle<br>of the peoples.</p>"
        "<p>&nbsp;</p><ol><li>KKE</li><li> AKEL </li></ol><ul><li>PCP</li></ul></div></div>"
        '<div class="ap-paragraph"><div><p>Party\t\tWorkers\' Party of Belgium</p>loose <em>text</em></div></div>'
    )
    assert html_to_blocks(html) == [
        Block("h", "Statement"),
        Block("p", "We salute the struggle\nof the peoples."),
        Block("li", "KKE", True, 1),
        Block("li", "AKEL", True, 2),
        Block("li", "PCP"),
        Block("p", "Party\t\tWorkers' Party of Belgium"),
        Block("div", "loose text"),
    ]


def test_pre_keeps_its_lines_and_ol_start_is_honoured() -> None:
    html = '<pre>Communist Party of\n   Canada\t\tAKEL</pre><ol start="10"><li>A</li><li>B</li></ol>'
    assert html_to_blocks(html) == [
        Block("pre", "Communist Party of\nCanada\t\tAKEL"),
        Block("li", "A", True, 10),
        Block("li", "B", True, 11),
    ]


def test_ol_start_that_is_no_decimal_number_counts_from_one() -> None:
    html = '<ol start="\u00b2"><li>KKE</li><li>AKEL</li></ol><ol start="x"><li>PCP</li></ol>'
    assert html_to_blocks(html) == [
        Block("li", "KKE", True, 1), Block("li", "AKEL", True, 2), Block("li", "PCP", True, 1),
    ]


def test_nested_list_and_comments_and_scripts() -> None:
    html = "<ul><li>Parties<!-- note --><ol><li>KKE</li></ol>and others</li></ul><script>x()</script>"
    assert html_to_blocks(html) == [
        Block("li", "Parties"), Block("li", "KKE", True, 1), Block("li", "and others"),
    ]


def test_table_row_is_one_block_with_tab_separated_cells() -> None:
    assert html_to_blocks("<table><tr><td>1.</td><td>KKE</td></tr></table>") == [Block("p", "1.\tKKE")]


def test_blank_input_and_blank_blocks() -> None:
    assert html_to_blocks("") == []
    assert html_to_blocks("<p> </p><p><br></p><div>\n</div>") == []


def test_blocks_to_text_one_line_per_block() -> None:
    blocks = html_to_blocks("<p>One<br>two</p><ol><li>KKE</li><li>PCP</li></ol><p>End</p>")
    assert blocks_to_text(blocks) == "One\ntwo\nKKE\nPCP\nEnd"
