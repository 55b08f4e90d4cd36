"""Cases for the personal-data guard: what must be found, what must never be, and ordinary statements.

Shared by the table-driven and property tests and by benchmarks/privacy_guard.py
(the false-alarm rate on generated ordinary statements).
"""

from __future__ import annotations

import random

from bottleneck_briefs.corpus.privacy import BSN, EMAIL, IBAN, NAME, PHONE, POSTCODE, STREET

# (text, kind, the exact text found)
FOUND = [
    ("Mail naar jan.jansen@example.nl voor het dossier.", EMAIL, "jan.jansen@example.nl"),
    ("Stuur het naar K.de-Vries+werk@politie.nl.", EMAIL, "K.de-Vries+werk@politie.nl"),
    ("Bel 06-12345678 na vijven.", PHONE, "06-12345678"),
    ("Ze is bereikbaar op 06 1234 5678.", PHONE, "06 1234 5678"),
    ("Het kantoor: 020-1234567.", PHONE, "020-1234567"),
    ("Het kantoor: 020 123 4567.", PHONE, "020 123 4567"),
    ("Zijn nummer is +31 6 12345678.", PHONE, "+31 6 12345678"),
    ("Bel +31 (0)20 1234567 voor een afspraak.", PHONE, "+31 (0)20 1234567"),
    ("Bel 0031 20 1234567 voor een afspraak.", PHONE, "0031 20 1234567"),
    ("In Londen: +44 20 7946 0958.", PHONE, "+44 20 7946 0958"),
    ("De hulplijn 0800-2000 is gratis.", PHONE, "0800-2000"),
    ("Of 0612345678 zonder streepje.", PHONE, "0612345678"),
    ("Of in paren: 06 12 34 56 78.", PHONE, "06 12 34 56 78"),
    ("Het bureau (020) 123 45 67 is dicht.", PHONE, "(020) 123 45 67"),
    ("De politie via 0900-8844.", PHONE, "0900-8844"),
    ("Bel haar (06-12345678) morgen.", PHONE, "06-12345678"),
    ("Bel 06 1234 5678 2019 nog eens.", PHONE, "06 1234 5678"),
    ("Haar BSN is 111222333.", BSN, "111222333"),
    ("Gemeld door de Nationaal Rapporteur 111222333.", BSN, "111222333"),  # no 'EUR' in 'Rapporteur'
    ("Haar BSN is 1112.22.333.", BSN, "1112.22.333"),
    ("Haar BSN is 111 222 333.", BSN, "111 222 333"),
    # a bracketed number after a time is no phone number: "(1..." starts none ("08.00" once made it one)
    ("Bereikbaar tussen 08.00-20.00 (111000002).", BSN, "111000002"),
    ("Het BSN 111.222.333 stond op het formulier.", BSN, "111.222.333"),
    ("Burgerservicenummer: 111 222 333.", BSN, "111 222 333"),
    ("Op rekening NL91 ABNA 0417 1643 00 gestort.", IBAN, "NL91 ABNA 0417 1643 00"),
    ("Op rekening NL91ABNA0417164300 gestort.", IBAN, "NL91ABNA0417164300"),
    ("Een Duitse rekening DE89 3704 0044 0532 0130 00.", IBAN, "DE89 3704 0044 0532 0130 00"),
    ("Ze woont in 1012 AB Amsterdam.", POSTCODE, "1012 AB"),
    ("Postcode 3511LX, bij het station.", POSTCODE, "3511LX"),
    ("Ze woont op de Kalverstraat 12a.", STREET, "Kalverstraat 12a"),
    ("Het pand aan de Burgemeester de Vlugtlaan 125 staat leeg.", STREET, "Vlugtlaan 125"),
    ("Adres: Hoofdweg 7-2, derde verdieping.", STREET, "Hoofdweg 7-2"),
    ("Mevrouw Jansen belde gisteren.", NAME, "Mevrouw Jansen"),
    ("Gesproken met de heer J. de Vries.", NAME, "de heer J. de Vries"),
    ("Volgens dhr. Bakker is het opgelost.", NAME, "dhr. Bakker"),
    ("Zoals mw. van Dijk zei.", NAME, "mw. van Dijk"),
    ("Dat zag collega Kees als eerste.", NAME, "collega Kees"),
    ("De wijkagent Smit kende het meisje.", NAME, "wijkagent Smit"),
    ("Burgemeester Van der Berg reageerde.", NAME, "Burgemeester Van der Berg"),
    ("Het meisje heette Sanne de Boer.", NAME, "Sanne de Boer"),
    ("Mohammed Yilmaz werkte daar.", NAME, "Mohammed Yilmaz"),
    ("Mevrouw Doğan werkte daar.", NAME, "Mevrouw Doğan"),
    ("She spoke to Mrs. Jansen.", NAME, "Mrs. Jansen"),
    ("Daarna belde Fatima El Amrani.", NAME, "Fatima El Amrani"),
    ("Het was Anna-Maria de Groot.", NAME, "Anna-Maria de Groot"),
    ("Ondertekend door A.B. Jansen.", NAME, "A.B. Jansen"),
    ("In Nederland Jan Jansen en anderen.", NAME, "Jan Jansen"),
    # grouped by dashes, or with a space after the country code
    ("Het BSN 111-222-333 stond erop.", BSN, "111-222-333"),
    ("Op IBAN NL91-ABNA-0417-1643-00 gestort.", IBAN, "NL91-ABNA-0417-1643-00"),
    ("Op IBAN NL 91 ABNA 0417 1643 00 gestort.", IBAN, "NL 91 ABNA 0417 1643 00"),
    # names a reader would call a name: a form of address without its dot, a first name and an initial,
    # a role of several words
    ("Volgens dhr Bakker is het opgelost.", NAME, "dhr Bakker"),
    ("Zoals mw Jansen zei.", NAME, "mw Jansen"),
    ("Mevr Jansen belde.", NAME, "Mevr Jansen"),
    ("Het was Jeroen D. die het zag.", NAME, "Jeroen D."),
    ("Daarna werd Ahmed B. (34) gehoord.", NAME, "Ahmed B."),
    ("Volgens officier van justitie Jansen is het bewijs rond.", NAME, "officier van justitie Jansen"),
    ("De rechter-commissaris Smit besliste.", NAME, "rechter-commissaris Smit"),
]

# As a text is written in a YAML file (a plain or double-quoted scalar, with its escapes), what the guard
# must find in the text a reader gets, and where its first character stands on the line: (written, kind,
# what the line holds at the finding's column). Pasted spaces and dashes, and invisible characters.
AS_WRITTEN = [
    ("Bel 06\u00a012345678 na vijven.", PHONE, "06"),  # a no-break space
    ('"Bel 06\\u00a012345678 na vijven."', PHONE, "06"),  # the same, escaped
    ("Bel 06\u202f1234\u202f5678 na vijven.", PHONE, "06"),  # narrow no-break spaces
    ("Bel 06\u2007\u200912345678 na vijven.", PHONE, "06"),  # a figure space and a thin space
    ("Bel 06 \u2013 12345678 na vijven.", PHONE, "06"),  # an en dash
    ("Bel 06\u201112345678 na vijven.", PHONE, "06"),  # a non-breaking hyphen
    ("Bel 06\u221212345678 na vijven.", PHONE, "06"),  # a minus sign
    ("Bel \uff10\uff16-12345678 na vijven.", PHONE, "\uff10"),  # full-width digits
    ("Ze woont aan de Dorpsstraat\u00a014.", STREET, "Dorpsstraat"),
    ("Het BSN 111\u2013222\u2013333 stond erop.", BSN, "111"),
    ("Op IBAN NL91-ABNA-0417-1643-00 gestort.", IBAN, "NL91"),
    ("Op IBAN NL 91 ABNA 0417 1643 00 gestort.", IBAN, "NL 91"),
    ('"Bel 06-1234\\u200b5678 na vijven."', PHONE, "06"),  # a zero-width space
    ('"Mail j.jansen@poli\\u00adtie.nl voor meer."', EMAIL, "j.jansen"),  # a soft hyphen
    ('"Het BSN is 1112\\u200b22333."', BSN, "1112"),
    ('"Het BSN is 1112\\u206022333."', BSN, "1112"),  # a word joiner
    ('"Bel 06-1234\\ufeff5678 na vijven."', PHONE, "06"),  # a zero-width no-break space
    ('"Mail \\u006Aan@example.nl voor meer."', EMAIL, "\\u006A"),  # a letter written as an escape
    ('"Bel 06-1234\\\n      5678 na vijven."', PHONE, "06"),  # an escaped line break inside the number
]

# Characters that an escape in a double-quoted string writes, and the message and place of each: (written,
# the message's start, what the line holds at its column).
ESCAPED_CHARACTERS = [
    ('"Een \\x01 in de tekst."', "control character U+0001, written \\x01", "\\x01"),
    ('"Een \\x02 in de tekst."', "control character U+0002, written \\x02", "\\x02"),
    (
        '"Een \\u202e in de tekst."',
        "direction-changing character U+202E (RIGHT-TO-LEFT OVERRIDE), written \\u202e",
        "\\u202e",
    ),
    ('"Het scherm \\e[2J leeg."', "control character U+001B, written \\e", "\\e["),
    ('"De titel \\e]0;weg\\a hier."', "control character U+001B, written \\e", "\\e]"),
    ('"Een \\u200b in de tekst."', "invisible character U+200B (ZERO WIDTH SPACE), written \\u200b", "\\u200b"),
    ('"Een \\u200d tussen letters."', "invisible character U+200D (ZERO WIDTH JOINER), written \\u200d", "\\u200d"),
    ('"Een regel\\rterug."', "control character U+000D, written \\r", "\\r"),
]

# How emoji and scripts are written: a joiner between pictographs, a non-joiner between letters of a script
# that writes it; written as themselves or as escapes, they are no error.
WRITTEN_JOINERS = [
    "Een zorgverlener \U0001f469\u200d\u2695\ufe0f en een gezin \U0001f468\u200d\U0001f469\u200d\U0001f467.",
    "Met huidskleur \U0001f469\U0001f3fd\u200d\u2695\ufe0f en een vlag \U0001f3f3\ufe0f\u200d\U0001f308.",
    "Ze zei \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 (ik wil).",
    '"Een zorgverlener \\U0001F469\\u200d\\u2695\\ufe0f."',
    '"Ze zei \u0645\u06cc\\u200c\u062e\u0648\u0627\u0647\u0645."',
]

# Ordinary text that must give no finding: amounts, ages, years, counts, percentages, sections,
# pages, law and form names, organisations and acronyms, places, roles without a name.
NOT_FOUND = [
    "Hoe verdeel je €100 miljoen drugsaanpak versus €2 miljoen mensenhandel aanpak?",
    "Er ging €1.234.567 naar de opvang en € 100.000 naar preventie.",
    "Het budget was €123.456.782 en daarna 123.456.782 euro.",
    "Jongeren van 18+ en 18- vallen onder andere regels; vanaf 16 jaar.",
    "In 2019, 2020 en 2019-2020 steeg het aantal met 12,5% en 45%.",
    "Er waren 1.234 zaken en 101234567 meldingen in totaal.",
    "Zie §2.16, p. 26, pagina 127 en artikel 273f Sr.",
    "Het B8-formulier, de B8, de Wet Bibob en de Wet DBA.",
    "COSM, COA, CoMensha, IND, GGD en het Openbaar Ministerie werken samen.",
    "Sinds 2016 OM en politie; in 2019 EU-breed.",
    "De Koninklijke Marechaussee en Veilig Thuis in Den Haag en Den Bosch.",
    "De burgemeester van Utrecht en de officier van justitie.",
    "De minister van Justitie en Veiligheid antwoordde.",
    "Een collega Jeugdzorg en collega's van de politie.",
    "Op straat 24 uur per dag, 7 dagen per week.",
    "Het Nationaal Rapporteur Mensenhandel en de Raad voor de Kinderbescherming.",
    "Tussen 01-02-2023 en 31-12-2023 werden 112 meldingen gedaan.",
    "Het programma Samen tegen Mensenhandel loopt tot 2025.",
    "Fase B. Mensen worden te laat gezien.",
    "Bel 112 bij nood.",
    "In Sas van Gent, Burgemeester Beinsdorp en Sint Anna ter Muiden.",
    "Het aantal 6-12345678 is een telling, geen nummer.",
    "Er kwamen 703 350 705 meldingen binnen, een budget van 111.222.333 in totaal.",
    # opening hours, company forms, an institute named after a person, a case number, a PO box
    "Het meldpunt is bereikbaar van 09.00-17.00 uur.",
    "De hulplijn is open van 08.00-20.00 en in het weekend van 10:00 - 16:00.",
    "Er staan 2500 BV's ingeschreven op dat adres.",
    "Het Willem Pompe Instituut deed het onderzoek.",
    "Een studie van het Antoni van Leeuwenhoek Ziekenhuis en de Anne Frank Stichting.",
    "Zaaknummer 09/123456-22 werd aangehouden.",
    "Schrijf naar Postbus 1, 1000 AA Voorbeeldstad.",
    "Zie bijlage B. en fase C. van het plan.",
    "Een windpark van 10 MW Windkracht en de officier van justitie.",
    "De officier van justitie Utrecht en burgemeester Eindhoven reageerden.",  # their offices
]

ORGANISATIONS = [
    "COSM",
    "COA",
    "CoMensha",
    "Openbaar Ministerie",
    "Koninklijke Marechaussee",
    "Veilig Thuis",
    "Fier",
    "Nationaal Rapporteur",
    "Nederlandse Arbeidsinspectie",
    "IND",
    "GGD",
    "Jeugdzorg Nederland",
    "Raad voor de Kinderbescherming",
    "het Leger des Heils",
    "Den Haag",
    "Amsterdam",
    "Rotterdam",
    "Utrecht",
    "Eindhoven",
    "Zuid-Holland",
    "de politie",
    "de gemeente",
    "Inspectie SZW",
    "de EU",
    "het Willem Pompe Instituut",
    "de Anne Frank Stichting",
]
NUMBERS = [
    "€2 miljoen",
    "€100 miljoen",
    "€ 250.000",
    "€1.234.567",
    "18+",
    "18-",
    "16 jaar",
    "2019",
    "2024",
    "2019-2020",
    "1.234 zaken",
    "45%",
    "12,5%",
    "§2.16",
    "p. 26",
    "pagina 127",
    "artikel 273f Sr",
    "hoofdstuk 3",
    "300 slachtoffers",
    "1 op de 5",
    "24/7",
    "B8",
    "Wet Bibob",
    "Wet DBA",
    "Opiumwet",
    "van 09.00-17.00 uur",
    "tussen 08.00-20.00",
    "2500 BV's",
    "zaaknummer 09/123456-22",
]
WORDS = (
    "er is te weinig geld voor de opvang van slachtoffers en de samenwerking tussen gemeenten ketenpartners "
    "professionals signaleren uitbuiting te laat zonder structurele financiering blijft capaciteit beperkt "
    "jongeren arbeidsmigranten sekswerkers worden online benaderd door daders"
).split()


# As text pasted from a word processor or a web page has them: no-break and narrow spaces, en dashes.
PASTED = {" ": ["\u00a0", "\u202f"], "-": ["\u2013", "\u2011"]}


def ordinary_statement(rng: random.Random) -> str:
    """A sentence of ordinary policy prose, dense with the numbers and names that must not alarm; one in
    four as pasted, with no-break spaces and en dashes."""
    parts = []
    for _ in range(rng.randint(6, 24)):
        roll = rng.random()
        parts.append(
            rng.choice(ORGANISATIONS) if roll < 0.2 else rng.choice(NUMBERS) if roll < 0.4 else rng.choice(WORDS)
        )
    text = " ".join(parts)
    if rng.random() < 0.25:
        text = "".join(
            rng.choice(PASTED[character]) if character in PASTED and rng.random() < 0.5 else character
            for character in text
        )
    return text[0].upper() + text[1:] + rng.choice([".", "?", "!", "; dat is het probleem."])
