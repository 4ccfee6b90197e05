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
