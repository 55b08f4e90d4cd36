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
]

ORGANISATIONS = ["COSM", "COA", "CoMensha", "Openbaar Ministerie", "Koninklijke Marechaussee", "Veilig Thuis",
                 "Fier", "Nationaal Rapporteur", "Nederlandse Arbeidsinspectie", "IND", "GGD", "Jeugdzorg Nederland",
                 "Raad voor de Kinderbescherming", "het Leger des Heils", "Den Haag", "Amsterdam", "Rotterdam",
                 "Utrecht", "Eindhoven", "Zuid-Holland", "de politie", "de gemeente", "Inspectie SZW", "de EU"]
NUMBERS = ["€2 miljoen", "€100 miljoen", "€ 250.000", "€1.234.567", "18+", "18-", "16 jaar", "2019", "2024",
           "2019-2020", "1.234 zaken", "45%", "12,5%", "§2.16", "p. 26", "pagina 127", "artikel 273f Sr",
           "hoofdstuk 3", "300 slachtoffers", "1 op de 5", "24/7", "B8", "Wet Bibob", "Wet DBA", "Opiumwet"]
WORDS = ("er is te weinig geld voor de opvang van slachtoffers en de samenwerking tussen gemeenten ketenpartners "
         "professionals signaleren uitbuiting te laat zonder structurele financiering blijft capaciteit beperkt "
         "jongeren arbeidsmigranten sekswerkers worden online benaderd door daders").split()


def ordinary_statement(rng: random.Random) -> str:
    """A sentence of ordinary policy prose, dense with the numbers and names that must not alarm."""
    parts = []
    for _ in range(rng.randint(6, 24)):
        roll = rng.random()
        parts.append(rng.choice(ORGANISATIONS) if roll < 0.2 else rng.choice(NUMBERS) if roll < 0.4
                     else rng.choice(WORDS))
    text = " ".join(parts)
    return text[0].upper() + text[1:] + rng.choice([".", "?", "!", "; dat is het probleem."])
