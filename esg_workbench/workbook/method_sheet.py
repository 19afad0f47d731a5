"""The method sheet: the framework and its steps, the scales, the value functions and formulas the
workbook computes with, how to work in the workbook, and the sources."""

from __future__ import annotations

from .book import Book, page_setup
from .texts import pick

T = tuple[str, str]

SECTIONS: list[tuple[T, list[T]]] = [
    (
        ("Scales", "Skalaer"),
        [
            (
                "Scale criteria are scored 0-5, 5 best. Quantitative criteria carry a measured value in their unit "
                "(e.g. DKK, months).",
                "Skalakriterier scores 0-5, 5 er bedst. Kvantitative kriterier har en målt værdi i deres enhed "
                "(fx kr., måneder).",
            ),
            (
                "Maturity is rated 1-5 per dimension of the maturity model (levels below); targets are set for the "
                "short and the long term.",
                "Modenhed vurderes 1-5 pr. dimension i modenhedsmodellen (niveauer nedenfor); mål sættes på kort "
                "og lang sigt.",
            ),
            (
                "Requirements are prioritised MoSCoW: must, should, could, won't. A 'must' is a gate: an option "
                "that does not meet it (no check, or met = FALSE) is ineligible and ranks after every eligible option.",
                "Krav prioriteres efter MoSCoW: skal, bør, kan, ikke nu. Et 'skal' er en port: en løsning, der ikke "
                "opfylder det (intet tjek eller opfyldt = FALSE), er uegnet og rangeres efter alle egnede løsninger.",
            ),
        ],
    ),
    (
        ("Value functions and totals", "Nyttefunktioner og totaler"),
        [
            ("Scale criterion: utility u = value / 5.", "Skalakriterium: nytte u = værdi / 5."),
            (
                "Quantitative criterion: u = MAX(0, MIN(1, (v - worst) / (best - worst))), a linear value function "
                "between fixed anchors, so adding an option never changes another option's total.",
                "Kvantitativt kriterium: u = MAX(0, MIN(1, (v - værst) / (bedst - værst))), en lineær nyttefunktion "
                "mellem faste ankre, så en ny løsning aldrig ændrer en anden løsnings total.",
            ),
            (
                "The value of a criterion comes from the entered score, from the option's TCO (NPV) or from its "
                "months to first report (the criterion's value source). A missing value has utility 0.",
                "Kriteriets værdi kommer fra den indtastede score, fra løsningens TCO (NPV) eller fra dens måneder "
                "til første rapport (kriteriets værdikilde). En manglende værdi har nytte 0.",
            ),
            (
                "Weighted sum: total = 100 x SUMPRODUCT(weights, utilities) / SUM(weights), from 0 to 100.",
                "Vægtet sum: total = 100 x SUMPRODUKT(vægte, nytter) / SUM(vægte), fra 0 til 100.",
            ),
            (
                "Rank: by total, highest first; an ineligible option is ranked on its total minus 1,000, so it comes "
                "after every eligible option. Ties keep the options' order.",
                "Rang: efter total, højeste først; en uegnet løsning rangeres på sin total minus 1.000, så den kommer "
                "efter alle egnede. Lige totaler beholder løsningernes rækkefølge.",
            ),
        ],
    ),
    (
        ("Total cost of ownership", "Samlede ejeromkostninger (TCO)"),
        [
            (
                "Years t = 0 .. H-1 from the decision (H = horizon). A one-off line counts in its start year; a "
                "yearly line every year from its start year for its number of years (blank = to the horizon). "
                "Years past the horizon are ignored.",
                "År t = 0 .. H-1 fra beslutningen (H = horisont). En engangslinje tæller i sit startår; en årlig "
                "linje hvert år fra startåret i sit antal år (tom = til horisonten). År efter horisonten ignoreres.",
            ),
            (
                "NPV = sum over t of cost_t / (1 + r)^t, r = the discount rate.",
                "NPV = summen over t af omkostning_t / (1 + r)^t, r = diskonteringsrenten.",
            ),
        ],
    ),
    (
        ("Sensitivity", "Følsomhed"),
        [
            (
                "Rank acceptability (after SMAA, Lahdelma, Hokkanen & Salminen 1998): weights and scores are drawn "
                "many times within their uncertainty (score low-high ranges); the share of draws in which an option "
                "takes each rank is shown. A recommendation is robust when its option ranks first in most draws.",
                "Rangaccept (efter SMAA, Lahdelma, Hokkanen & Salminen 1998): vægte og scorer trækkes mange gange "
                "inden for deres usikkerhed (scorers lav-høj-intervaller); andelen af træk, hvor en løsning får hver "
                "plads, vises. En anbefaling er robust, når dens løsning er nr. 1 i de fleste træk.",
            ),
        ],
    ),
    (
        ("Working in this workbook", "Sådan arbejder du i projektmappen"),
        [
            (
                "White cells are input; grey cells and the sheets Scoring matrix, Must-have gates, TCO, Ranking and "
                "ESRS coverage are computed live from them. Change a weight, a score or a cost line and the "
                "ranking follows.",
                "Hvide celler er input; grå celler og arkene Scoringsmatrix, Skal-krav porte, TCO, Rangering og "
                "ESRS-dækning beregnes live ud fra dem. Ændr en vægt, en score eller en omkostningslinje, så "
                "følger rangeringen med.",
            ),
            (
                "Cells hold ids (drop-downs list them); the label column beside an id shows its name. Several "
                "values in one cell are separated by commas.",
                "Celler indeholder id'er (rullelisterne viser dem); kolonnen ved siden af viser navnet. Flere "
                "værdier i én celle adskilles med komma.",
            ),
            (
                "Rows may be added, changed or deleted in any input sheet and the workbook imported again. Keep "
                "the sheet names, and do not delete the hidden row of field ids above each table.",
                "Rækker kan tilføjes, ændres eller slettes i alle inputark, og projektmappen kan importeres igen. "
                "Behold arknavnene, og slet ikke den skjulte række med felt-id'er over hver tabel.",
            ),
            (
                "Text is stored as text. An import refuses formulas and error values in input cells: the "
                "workbook's own formulas are recomputed by the tool, never trusted.",
                "Tekst gemmes som tekst. En import afviser formler og fejlværdier i inputceller: projektmappens "
                "egne formler genberegnes af værktøjet og stoles aldrig på.",
            ),
            (
                "Sensitivity, the summary's recommendation and the gap list are as computed at export.",
                "Følsomhed, resuméets anbefaling og mangellisten er som beregnet ved eksport.",
            ),
        ],
    ),
    (
        ("Sources", "Kilder"),
        [
            (
                "Framework: 'IT i praksis 2024-2025' (Rambøll Management Consulting with Dansk IT), section on the "
                "digital implications of CSRD reporting and ESG architecture.",
                "Ramme: 'IT i praksis 2024-2025' (Rambøll Management Consulting og Dansk IT), afsnittet om de "
                "digitale implikationer ved CSRD-rapportering og ESG-arkitektur.",
            ),
            (
                "Gartner TIME model (tolerate, invest, migrate, eliminate) for system dispositions.",
                "Gartners TIME-model (tolerate, invest, migrate, eliminate) for systemdispositioner.",
            ),
            (
                "AHP pairwise comparison on Saaty's 1/9-9 scale (Saaty 1980), when weights come from judgements.",
                "AHP-parvise sammenligninger på Saatys skala 1/9-9 (Saaty 1980), når vægte kommer fra vurderinger.",
            ),
            (
                "TOPSIS (Hwang & Yoon 1981) is offered by the tool as a second method; this workbook's live totals "
                "are the weighted sum.",
                "TOPSIS (Hwang & Yoon 1981) tilbydes af værktøjet som anden metode; projektmappens live-totaler er "
                "den vægtede sum.",
            ),
        ],
    ),
]
TITLES: dict[str, T] = {
    "framework": ("Framework", "Ramme"),
    "steps": ("The four steps", "De fire trin"),
    "levels": ("Maturity levels", "Modenhedsniveauer"),
    "esrs": ("ESRS catalogue", "ESRS-katalog"),
}


def write_method(book: Book) -> None:
    from .write_inputs import sheet_title

    ws = book.add_sheet("method")
    st, fw, lang = book.styles, book.framework, book.lang
    sheet_title(book, ws, "method")
    row = 3
    ws.write_string(row, 0, pick(TITLES["framework"], lang), st["subtitle"])
    row += 1
    ws.write_string(row, 0, f"{fw.title.get(lang)} ({fw.id} {fw.version})", st["cover_value"])
    row += 1
    ws.write_string(row, 0, fw.source, st["hint"])
    row += 2
    ws.write_string(row, 0, pick(TITLES["steps"], lang), st["subtitle"])
    row += 1
    for step in sorted(fw.steps, key=lambda s: s.number):
        ws.write_string(row, 0, f"{step.number}. {step.title.get(lang)} — {step.focus.get(lang)}", st["cover_key"])
        ws.write_string(row + 1, 0, step.summary.get(lang), st["cover_value"])
        row += 2
    row += 1
    ws.write_string(row, 0, pick(TITLES["levels"], lang), st["subtitle"])
    row += 1
    for level in fw.maturity_model.levels:
        ws.write_string(
            row,
            0,
            f"{level.level}. {level.name.get(lang)} ({level.stage}): {level.description.get(lang)}",
            st["cover_value"],
        )
        row += 1
    for title, paragraphs in SECTIONS:
        row += 1
        ws.write_string(row, 0, pick(title, lang), st["subtitle"])
        row += 1
        for paragraph in paragraphs:
            ws.write_string(row, 0, pick(paragraph, lang), st["cover_value"])
            row += 1
    row += 1
    ws.write_string(row, 0, pick(TITLES["esrs"], lang), st["subtitle"])
    ws.write_string(
        row + 1, 0, f"{fw.esrs.title.get(lang)} ({fw.esrs.id} {fw.esrs.version}). {fw.esrs.source}", st["cover_value"]
    )
    ws.set_column(0, 0, 120)
    ws.hide_gridlines(2)
    page_setup(book, ws, "method", portrait=True)
