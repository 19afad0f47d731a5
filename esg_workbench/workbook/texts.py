"""The workbook's words in English and Danish: sheet names, hints, column headers and enum labels.

Only display text lives here; nothing is read back from it (import maps columns by hidden field ids).
"""

from __future__ import annotations

T = tuple[str, str]  # (en, da)

SHEET_NAMES: dict[str, T] = {
    "summary": ("Summary", "Resumé"),
    "assessment": ("Organisation", "Organisation"),
    "roles": ("Roles", "Roller"),
    "systems": ("Systems", "Systemer"),
    "data_sources": ("Data sources", "Datakilder"),
    "data_flows": ("Data flows", "Datastrømme"),
    "processes": ("Processes", "Processer"),
    "material_topics": ("Material topics", "Væsentlige emner"),
    "coverage": ("Coverage items", "Dækningsposter"),
    "esrs_coverage": ("ESRS coverage", "ESRS-dækning"),
    "to_be": ("To-be", "To-be"),
    "goals": ("Goals", "Mål"),
    "maturity": ("Maturity", "Modenhed"),
    "survey": ("Survey", "Spørgeskema"),
    "requirements": ("Requirements", "Krav"),
    "criteria": ("Criteria and weights", "Kriterier og vægte"),
    "pairwise": ("AHP judgements", "AHP-vurderinger"),
    "options": ("Options", "Løsninger"),
    "cost_lines": ("Cost", "Omkostninger"),
    "tco": ("TCO", "TCO"),
    "risks": ("Risks", "Risici"),
    "scores": ("Scores", "Scorer"),
    "scoring": ("Scoring matrix", "Scoringsmatrix"),
    "must_have_checks": ("Must-have checks", "Skal-krav tjek"),
    "gates": ("Must-have gates", "Skal-krav porte"),
    "ranking": ("Ranking", "Rangering"),
    "sensitivity": ("Sensitivity", "Følsomhed"),
    "settings": ("Decision and settings", "Beslutning og indstillinger"),
    "roadmap": ("Roadmap", "Køreplan"),
    "method": ("Method", "Metode"),
    "lists": ("Lists", "Lister"),
}

SHEET_HINTS: dict[str, T] = {
    "assessment": (
        "The assessment and the organisation. Enter values in the Value column.",
        "Vurderingen og organisationen. Udfyld kolonnen Værdi.",
    ),
    "roles": (
        "Roles in ESG data governance, typed by the five generic role types.",
        "Roller i ESG-datastyring, efter de fem generiske rolletyper.",
    ),
    "systems": (
        "IT systems and tools that hold or move ESG data. Several integration options: separate ids with commas.",
        "It-systemer og værktøjer med ESG-data. Flere integrationsmuligheder: adskil id'er med komma.",
    ),
    "data_sources": (
        "Each source of ESG data: what it feeds, where it lives, how good and how manual it is.",
        "Hver kilde til ESG-data: hvad den leverer til, hvor den ligger, kvalitet og manuelt arbejde.",
    ),
    "data_flows": (
        "Movements of data between sources, systems and the report ('report').",
        "Dataflow mellem kilder, systemer og rapporten ('report').",
    ),
    "processes": ("Today's reporting process, step by step.", "Dagens rapporteringsproces, trin for trin."),
    "material_topics": (
        "Outcome of the double materiality assessment per ESRS standard.",
        "Resultatet af den dobbelte væsentlighedsvurdering pr. ESRS-standard.",
    ),
    "coverage": (
        "How each material disclosure requirement (or datapoint) is covered by data sources.",
        "Hvordan hvert væsentligt oplysningskrav (eller datapunkt) dækkes af datakilder.",
    ),
    "to_be": ("Vision and ambition level.", "Vision og ambitionsniveau."),
    "goals": ("Short- and long-term goals.", "Kort- og langsigtede mål."),
    "maturity": (
        "Current and target maturity (1-5) per dimension of the maturity model.",
        "Nuværende og ønsket modenhed (1-5) pr. dimension i modenhedsmodellen.",
    ),
    "survey": (
        "The organisation's own survey answers beside the report's Danish public-sector figures.",
        "Organisationens egne svar ved siden af rapportens tal for den offentlige sektor.",
    ),
    "requirements": (
        "Business and technical requirements. Priority 'must' makes a requirement a gate.",
        "Forretningsmæssige og tekniske krav. Prioritet 'must' gør kravet til en port.",
    ),
    "criteria": (
        "Decision criteria and weights. Change a weight and the scoring matrix and ranking follow.",
        "Beslutningskriterier og vægte. Ændr en vægt, så følger scoringsmatrix og rangering med.",
    ),
    "pairwise": (
        "AHP pairwise judgements: how much more important a is than b (1/9 to 9).",
        "AHP-parvise vurderinger: hvor meget vigtigere a er end b (1/9 til 9).",
    ),
    "options": (
        "Candidate solutions, based on the framework's archetypes.",
        "Løsningsmuligheder ud fra rammens arketyper.",
    ),
    "cost_lines": (
        "Cost lines per option. Start year 0 = the year of the decision; blank years = to the horizon.",
        "Omkostningslinjer pr. løsning. Startår 0 = beslutningsåret; tomme år = til horisonten.",
    ),
    "tco": (
        "Cost per option and year, and the net present value (NPV) over the horizon. Computed.",
        "Omkostning pr. løsning og år og nutidsværdien (NPV) over horisonten. Beregnet.",
    ),
    "risks": (
        "Risks per option; exposure = likelihood x impact.",
        "Risici pr. løsning; eksponering = sandsynlighed x konsekvens.",
    ),
    "scores": (
        "One row per option and criterion. Scale criteria 0-5 (5 best); quantitative ones in their unit.",
        "Én række pr. løsning og kriterium. Skalakriterier 0-5 (5 bedst); kvantitative i deres enhed.",
    ),
    "scoring": (
        "Computed from the criteria, scores and costs. Edit those sheets, not this one.",
        "Beregnet ud fra kriterier, scorer og omkostninger. Ret i de ark, ikke her.",
    ),
    "must_have_checks": (
        "Whether each option meets each requirement; an unmet 'must' makes the option ineligible.",
        "Om hver løsning opfylder hvert krav; et uopfyldt 'must' gør løsningen uegnet.",
    ),
    "gates": (
        "Must-have requirements per option (computed): an option failing one ranks after all eligible ones.",
        "Skal-krav pr. løsning (beregnet): en løsning, der fejler ét, rangeres efter alle egnede.",
    ),
    "ranking": ("Options in rank order (computed, live).", "Løsninger i rangorden (beregnet, live)."),
    "sensitivity": (
        "Rank acceptability: how often each option takes each rank when weights and scores vary.",
        "Rangaccept: hvor ofte hver løsning får hver plads, når vægte og scorer varierer.",
    ),
    "settings": (
        "The decision and the settings of the cost model.",
        "Beslutningen og indstillinger for omkostningsmodellen.",
    ),
    "roadmap": ("Roadmap from here-and-now to the target solution.", "Køreplan fra her-og-nu til målløsningen."),
    "esrs_coverage": (
        "Coverage of disclosure requirements per ESRS standard (computed) and the gap list.",
        "Dækning af oplysningskrav pr. ESRS-standard (beregnet) og listen over mangler.",
    ),
}

# Column headers by field id; ``HEADER_OVERRIDES`` wins for a (sheet, field) pair.
HEADERS: dict[str, T] = {
    "id": ("ID", "ID"),
    "name": ("Name", "Navn"),
    "title": ("Title", "Titel"),
    "description": ("Description", "Beskrivelse"),
    "notes": ("Notes", "Noter"),
    "note": ("Note", "Note"),
    "text": ("Text", "Tekst"),
    "role_type": ("Role type", "Rolletype"),
    "holder": ("Holder", "Indehaver"),
    "responsibilities": ("Responsibilities", "Ansvar"),
    "category": ("Category", "Kategori"),
    "product": ("Product", "Produkt"),
    "vendor": ("Vendor", "Leverandør"),
    "hosting": ("Hosting", "Drift"),
    "integration_options": ("Integration options", "Integrationsmuligheder"),
    "disposition": ("TIME disposition", "TIME-disposition"),
    "owner_role_id": ("Owner role", "Ejerrolle"),
    "esrs_standards": ("ESRS standards", "ESRS-standarder"),
    "disclosure_requirements": ("Disclosure requirements", "Oplysningskrav"),
    "source_type": ("Source type", "Kildetype"),
    "system_id": ("System", "System"),
    "availability": ("Availability", "Tilgængelighed"),
    "quality": ("Quality", "Kvalitet"),
    "aggregation": ("Aggregation", "Aggregering"),
    "collection_frequency": ("Frequency", "Frekvens"),
    "manual_effort_hours_per_year": ("Manual hours / year", "Manuelle timer / år"),
    "from_id": ("From", "Fra"),
    "to_id": ("To", "Til"),
    "method": ("Method", "Metode"),
    "frequency": ("Frequency", "Frekvens"),
    "automated": ("Automated", "Automatiseret"),
    "stage": ("Stage", "Fase"),
    "state": ("State", "Tilstand"),
    "system_ids": ("Systems", "Systemer"),
    "pain_points": ("Pain points", "Udfordringer"),
    "esrs": ("ESRS standard", "ESRS-standard"),
    "material": ("Material", "Væsentlig"),
    "impact_material": ("Impact material", "Væsentlig (påvirkning)"),
    "financial_material": ("Financially material", "Væsentlig (finansielt)"),
    "rationale": ("Rationale", "Begrundelse"),
    "disclosure_requirement": ("Disclosure requirement", "Oplysningskrav"),
    "datapoint_id": ("Datapoint", "Datapunkt"),
    "data_source_ids": ("Data sources", "Datakilder"),
    "status": ("Status", "Status"),
    "integration_needed": ("Integration needed", "Nødvendig integration"),
    "horizon": ("Horizon", "Horisont"),
    "target_year": ("Target year", "Målår"),
    "kpi": ("KPI", "KPI"),
    "dimension": ("Dimension", "Dimension"),
    "current": ("Current", "Nuværende"),
    "target_short": ("Target (short)", "Mål (kort sigt)"),
    "target_long": ("Target (long)", "Mål (lang sigt)"),
    "question": ("Question", "Spørgsmål"),
    "answer": ("Answer", "Svar"),
    "priority": ("Priority", "Prioritet"),
    "source": ("Source", "Kilde"),
    "criterion_ids": ("Criteria", "Kriterier"),
    "weight": ("Weight", "Vægt"),
    "kind": ("Kind", "Type"),
    "unit": ("Unit", "Enhed"),
    "direction": ("Direction", "Retning"),
    "best": ("Best (utility 1)", "Bedst (nytte 1)"),
    "worst": ("Worst (utility 0)", "Værst (nytte 0)"),
    "value_source": ("Value source", "Værdikilde"),
    "catalogue_id": ("Catalogue criterion", "Katalogkriterium"),
    "a": ("Criterion a", "Kriterium a"),
    "b": ("Criterion b", "Kriterium b"),
    "ratio": ("a vs b (1/9-9)", "a mod b (1/9-9)"),
    "archetype": ("Archetype", "Arketype"),
    "time_to_first_report_months": ("Months to first report", "Måneder til første rapport"),
    "option_id": ("Option", "Løsning"),
    "label": ("Cost line", "Omkostningslinje"),
    "amount": ("Amount", "Beløb"),
    "start_year": ("Start year", "Startår"),
    "years": ("Years", "År"),
    "likelihood": ("Likelihood (1-5)", "Sandsynlighed (1-5)"),
    "impact": ("Impact (1-5)", "Konsekvens (1-5)"),
    "mitigation": ("Mitigation", "Afbødning"),
    "criterion_id": ("Criterion", "Kriterium"),
    "value": ("Value", "Værdi"),
    "low": ("Low", "Lav"),
    "high": ("High", "Høj"),
    "requirement_id": ("Requirement", "Krav"),
    "met": ("Met", "Opfyldt"),
    "phase": ("Phase", "Fase"),
    "start": ("Start", "Start"),
    "end": ("End", "Slut"),
    "depends_on": ("Depends on", "Afhænger af"),
    # form fields
    "framework.id": ("Framework", "Ramme"),
    "framework.version": ("Framework version", "Rammeversion"),
    "created_at": ("Created", "Oprettet"),
    "updated_at": ("Last updated", "Senest opdateret"),
    "organisation.name": ("Organisation", "Organisation"),
    "organisation.sector": ("Sector", "Sektor"),
    "organisation.employees": ("Employees", "Medarbejdere"),
    "organisation.annual_revenue_mdkk": ("Annual revenue (m DKK)", "Årlig omsætning (mio. kr.)"),
    "organisation.country": ("Country (ISO code)", "Land (ISO-kode)"),
    "organisation.first_reporting_year": ("First reporting year", "Første rapporteringsår"),
    "organisation.language": ("Language", "Sprog"),
    "organisation.description": ("Description", "Beskrivelse"),
    "to_be.vision": ("Vision", "Vision"),
    "to_be.ambition": ("Ambition level", "Ambitionsniveau"),
    "to_be.reporting_frequency": ("Reporting frequency", "Rapporteringsfrekvens"),
    "to_be.automation_target_pct": ("Automation target (%)", "Automatiseringsmål (%)"),
    "to_be.governance": ("Governance", "Governance"),
    "to_be.support": ("Organisational and technical support", "Organisatorisk og teknisk støtte"),
    "settings.currency": ("Currency", "Valuta"),
    "settings.horizon_years": ("Horizon (years)", "Horisont (år)"),
    "settings.discount_rate": ("Discount rate", "Diskonteringsrente"),
    "weighting.method": ("Weighting method", "Vægtningsmetode"),
    "decision.option_id": ("Chosen option", "Valgt løsning"),
    "decision.interim_option_id": ("Interim option", "Overgangsløsning"),
    "decision.rationale": ("Decision rationale", "Begrundelse for beslutningen"),
    "decision.decided_on": ("Decided on", "Besluttet den"),
}

HEADER_OVERRIDES: dict[tuple[str, str], T] = {
    ("requirements", "text"): ("Requirement", "Krav"),
    ("goals", "text"): ("Goal", "Mål"),
    ("risks", "text"): ("Risk", "Risiko"),
    ("roadmap", "option_id"): ("Option", "Løsning"),
    ("must_have_checks", "option_id"): ("Option", "Løsning"),
}

# Headers of computed columns: "<sheet>:<key>"; label columns use "label" plus the input header.
CALC_HEADERS: dict[str, T] = {
    "label": ("(label)", "(betegnelse)"),
    "coverage:standard": ("Standard", "Standard"),
    "maturity:gap": ("Gap to long-term target", "Afstand til langsigtet mål"),
    "survey:high_pct": ("Public sector: high degree %", "Offentlig sektor: høj grad %"),
    "survey:low_pct": ("Public sector: low degree %", "Offentlig sektor: lav grad %"),
    "criteria:weight_share": ("Weight share", "Vægtandel"),
    "options:tco": ("TCO (NPV)", "TCO (NPV)"),
    "cost_lines:present_value": ("Present value", "Nutidsværdi"),
    "risks:exposure": ("Exposure", "Eksponering"),
    "must_have_checks:priority": ("Priority", "Prioritet"),
}

# Labels of model enums (framework vocabularies have their own labels in the framework file).
ENUM_LABELS: dict[str, T] = {
    "must": ("Must", "Skal"),
    "should": ("Should", "Bør"),
    "could": ("Could", "Kan"),
    "wont": ("Won't", "Ikke nu"),
    "automated": ("Automated", "Automatiseret"),
    "manual": ("Manual", "Manuel"),
    "partial": ("Partial", "Delvis"),
    "gap": ("Gap", "Mangler"),
    "not_assessed": ("Not assessed", "Ikke vurderet"),
    "scale": ("Scale 0-5", "Skala 0-5"),
    "quantitative": ("Quantitative", "Kvantitativ"),
    "higher_is_better": ("Higher is better", "Højere er bedre"),
    "lower_is_better": ("Lower is better", "Lavere er bedre"),
    "score": ("Entered score", "Indtastet score"),
    "tco": ("TCO (NPV)", "TCO (NPV)"),
    "time_to_first_report": ("Months to first report", "Måneder til første rapport"),
    "one_off": ("One-off", "Engangs"),
    "yearly": ("Yearly", "Årlig"),
    "short": ("Short term", "Kort sigt"),
    "long": ("Long term", "Lang sigt"),
    "en": ("English", "Engelsk"),
    "da": ("Danish", "Dansk"),
    "direct": ("Direct", "Direkte"),
    "points": ("Points", "Point"),
    "moscow_rank": ("MoSCoW rank", "MoSCoW-rang"),
    "ahp": ("AHP", "AHP"),
}

FORM_HEADERS: T = ("Field|Value|Help", "Felt|Værdi|Hjælp")
TRUE_FALSE_HELP: T = ("TRUE or FALSE", "TRUE eller FALSE")
LIST_HELP: T = ("Several values: separate with commas. Allowed: ", "Flere værdier: adskil med komma. Tilladt: ")
DATE_HELP: T = ("A date (yyyy-mm-dd)", "En dato (åååå-mm-dd)")
DATETIME_HELP: T = ("ISO date and time, e.g. 2025-01-31T09:00:00Z", "ISO-dato og -tid, fx 2025-01-31T09:00:00Z")
ID_HELP: T = (
    "Letters, digits, _ . - (at most 64); unique in the assessment",
    "Bogstaver, tal, _ . - (højst 64); unik i vurderingen",
)


def pick(text: T, lang: str) -> str:
    return text[1] if lang == "da" else text[0]


def sheet_name(key: str, lang: str) -> str:
    return pick(SHEET_NAMES[key], lang)


def header(sheet_key: str, field: str, lang: str) -> str:
    text = HEADER_OVERRIDES.get((sheet_key, field)) or HEADERS.get(field)
    if text is None:  # a field without a translation still gets a readable header
        return field.rsplit(".", 1)[-1].replace("_", " ").capitalize()
    return pick(text, lang)


def enum_label(value: str, lang: str) -> str:
    text = ENUM_LABELS.get(value)
    return pick(text, lang) if text else value
