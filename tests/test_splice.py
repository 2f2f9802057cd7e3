"""quizkit/render/splice.py: the page's pieces go in together, each where it was found."""
from quizkit.render.splice import apply


def test_edits_land_where_they_were_found_in_the_original():
    page = "<head></head><body><h1>T</h1><div slot></div></body>"
    slot = page.index("<div slot></div>")
    edits = [(slot, slot + len("<div slot></div>"), "<form>W</form>"),    # the widget replaces its slot
             (slot + len("<div slot></div>"), slot + len("<div slot></div>"), "<nav>next</nav>"),  # the card after it
             (page.index("</h1>") + 5, page.index("</h1>") + 5, "<p>where</p>"),
             (page.rindex("</body>"), page.rindex("</body>"), "<script src=q></script>"),
             (page.index("</head>"), page.index("</head>"), "<link>")]
    assert apply(page, edits) == ("<head><link></head><body><h1>T</h1><p>where</p><form>W</form><nav>next</nav>"
                                  "<script src=q></script></body>")


def test_two_insertions_at_one_place_keep_their_order_and_no_edits_leave_the_page_as_it_was():
    assert apply("ab", [(1, 1, "x"), (1, 1, "y")]) == "axyb"
    assert apply("unchanged", []) == "unchanged"
