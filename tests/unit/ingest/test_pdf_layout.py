from assistant.ingest.loaders.pdf_layout import page_blocks

LAYOUT = """
 6.1 Übersicht nach Fachbereichen

 Tabelle 6: Nachrangige Vorhaben

  Vorhaben                 Produkt          Einsparung      Begründung
  Erweiterung der          25.20            120.000 EUR     Zurückgestellt bis zum
  Öffnungszeiten der       Bibliothek       jährlich        Haushaltsausgleich.
  Stadtbibliothek
  Neubau einer             42.10            850.000 EUR     Plätze sind
  Kunstrasenanlage                          (investiv)      bespielbar.
 Der Rat hat diese Vorhaben am 23.01.2026 als nachrangig eingestuft und die Verwaltung beauftragt.
"""


def test_layout_table_rows_with_wrapped_cells_and_caption():
    blocks = page_blocks(LAYOUT, page=10)
    kinds = [b.kind for b in blocks]
    assert kinds == ["heading", "table", "paragraph"]
    table = blocks[1].text.splitlines()
    assert table[0] == "Tabelle 6: Nachrangige Vorhaben"
    assert table[1] == "Vorhaben | Produkt | Einsparung | Begründung"
    assert table[2] == (
        "Erweiterung der Öffnungszeiten der Stadtbibliothek | 25.20 Bibliothek | 120.000 EUR jährlich | "
        "Zurückgestellt bis zum Haushaltsausgleich."
    )
    assert table[3].startswith("Neubau einer Kunstrasenanlage | 42.10 | 850.000 EUR (investiv)")
    assert blocks[2].text.startswith("Der Rat hat diese Vorhaben")
    assert all(b.page == 10 for b in blocks)


def test_wrapped_lines_and_cells_lose_their_hyphenation_but_not_a_shortened_compound():
    from assistant.ingest.loaders.common import join_wrapped

    assert join_wrapped("Straßenausbau-", "beiträgen") == "Straßenausbaubeiträgen"
    assert join_wrapped("Geplante Be-", "legung 2017") == "Geplante Belegung 2017"
    assert join_wrapped("Orts-", "und Stadtteilbeiräte") == "Orts- und Stadtteilbeiräte"
    assert join_wrapped("Kita-", "Neubau") == "Kita-Neubau"  # a capital continues a hyphenated compound
    assert join_wrapped("Ziele -", "kurz gefasst") == "Ziele - kurz gefasst"  # a dash, not a hyphen
    assert join_wrapped("", "Text") == "Text" and join_wrapped("Text", "") == "Text"


def test_figures_stay_with_their_units_across_line_breaks():
    from assistant.ingest.loaders.pdf_layout import page_blocks

    [block] = page_blocks("Die Kosten betragen rund 3,7\nMio. Euro, die Förderung deckt 45\n% davon.", 1)
    assert "3,7 Mio. Euro" in block.text and "45 % davon" in block.text
