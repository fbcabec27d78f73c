"""Tuning documents for addresses outside the US/UK shapes and for dates of birth in many formats.

Own word lists and templates (invented here, never taken from the sealed corpus): postal formats
of the Netherlands, Germany, Poland, Turkey, Mexico, Spain, France, Italy, Portugal/Brazil, the
Nordics and Vietnam, inline (one line, commas) and as multi-line postal blocks; dates of birth in
written and spoken forms behind many cues; PII-free controls that look like both (numbers next to
capitalised words, meeting dates and deadlines near the word "born").

Every list and template is split in two: ``generate`` uses the tuning part; ``generate_held_out``
the other part, which no rule was shaped on (the generalisation check in the report)."""

from __future__ import annotations

import random

from corpus import Doc, Pii


def _split(items: list) -> tuple[list, list]:
    """First ~70 % for tuning, the rest held out."""
    k = max(1, round(len(items) * 0.7))
    return items[:k], items[k:]


# ---------------------------------------------------------------- address parts per country
NL_STEMS = ["Keizers", "Heren", "Prinsen", "Linden", "Bloem", "Rozen", "Kerk", "Molen", "Vondel", "Wilhelmina",
            "Oranje", "Beuken", "Eiken", "Zuider", "Noorder", "Kastanje", "Vlinder", "Spui"]  # fmt: skip
NL_SUF = ["straat", "gracht", "weg", "laan", "plein", "kade", "singel", "dijk", "steeg", "dreef", "hof", "markt"]
NL_CITY = ["Amsterdam", "Utrecht", "Rotterdam", "Den Haag", "Eindhoven", "Groningen", "Zwolle", "Haarlem",
           "Leiden", "Delft", "Amersfoort", "Nijmegen", "Arnhem", "Maastricht"]  # fmt: skip
DE_STEMS = ["Haupt", "Bahnhof", "Linden", "Schiller", "Goethe", "Garten", "Kirch", "Berg", "Wald", "Mühlen",
            "Rosen", "Schul", "Birken", "Feld", "Sonnen", "Tannen"]  # fmt: skip
DE_SUF = ["straße", "strasse", "str.", "weg", "gasse", "allee", "platz", "damm", "ufer", "pfad"]
DE_ADJ = ["Berliner", "Frankfurter", "Hamburger", "Alte", "Neue", "Lange", "Kölner", "Münchner"]
DE_PREP = ["Am Markt", "An der Alster", "Unter den Linden", "Auf dem Berg", "Im Winkel", "Zum Hafen"]
DE_CITY = ["Berlin", "München", "Köln", "Hamburg", "Leipzig", "Dresden", "Stuttgart", "Frankfurt am Main",
           "Bremen", "Hannover", "Nürnberg", "Bonn", "Münster", "Kiel"]  # fmt: skip
PL_TYPE = ["ul.", "ul.", "al.", "ulica", "os.", "pl."]
PL_NAME = ["Długa", "Marszałkowska", "Piękna", "Kwiatowa", "Słoneczna", "Mickiewicza", "Jana Pawła II",
           "Kościuszki", "Lipowa", "Polna", "Ogrodowa", "Wiejska", "Szkolna", "Leśna"]  # fmt: skip
PL_CITY = ["Warszawa", "Kraków", "Gdańsk", "Wrocław", "Poznań", "Łódź", "Lublin", "Szczecin", "Toruń",
           "Katowice", "Białystok", "Rzeszów"]  # fmt: skip
TR_NAME = ["Atatürk", "Bağdat", "İstiklal", "Cumhuriyet", "Gazi", "Barbaros", "Fevzi Çakmak", "Necip Fazıl",
           "1254.", "Menekşe", "Lale", "Kazım Karabekir", "Millet", "Zübeyde Hanım"]  # fmt: skip
TR_TYPE = ["Cad.", "Caddesi", "Sok.", "Sokak", "Bulvarı", "Cd.", "Sk."]
TR_MAH = ["Moda", "Caddebostan", "Fenerbahçe", "Kızılay", "Alsancak", "Bahçelievler", "Çamlıca", "Esentepe",
          "Yenimahalle", "Karşıyaka"]  # fmt: skip
TR_CITY = ["Kadıköy/İstanbul", "Çankaya/Ankara", "Konak/İzmir", "Nilüfer/Bursa", "Beşiktaş/İstanbul",
           "Muratpaşa/Antalya", "Seyhan/Adana", "Tepebaşı/Eskişehir"]  # fmt: skip
MX_TYPE = ["Calle", "Av.", "Avenida", "Calz.", "Privada", "Calle", "Blvd."]
MX_NAME = ["Morelos", "Hidalgo", "Juárez", "Insurgentes Sur", "Reforma", "5 de Mayo", "Benito Juárez",
           "Revolución", "Madero", "Allende", "Vasconcelos", "Las Palmas", "Miguel Ángel de Quevedo"]  # fmt: skip
MX_COL = ["Centro", "Roma Norte", "Del Valle", "Condesa", "Narvarte", "Polanco", "Juárez", "San Rafael",
          "Jardines del Pedregal", "Escandón"]  # fmt: skip
MX_CITY = ["Ciudad de México, CDMX", "Guadalajara, Jal.", "Monterrey, N.L.", "Puebla, Pue.", "Mérida, Yuc.",
           "Querétaro, Qro.", "Toluca, Edo. Méx."]  # fmt: skip
ES_NAME = ["Calle Mayor", "Calle de Alcalá", "C/ Serrano", "Avenida Diagonal", "Paseo de Gracia", "Calle Colón",
           "Gran Vía", "Calle Sierpes"]  # fmt: skip
ES_CITY = ["Madrid", "Barcelona", "Valencia", "Sevilla", "Bilbao", "Zaragoza", "Málaga"]
FR_STREET = ["rue de la Paix", "avenue Victor Hugo", "boulevard Voltaire", "rue du Faubourg Saint-Antoine",
             "place Bellecour", "chemin des Vignes", "allée des Tilleuls", "quai de la Loire",
             "impasse des Lilas"]  # fmt: skip
FR_CITY = ["Paris", "Lyon", "Marseille", "Toulouse", "Lille", "Nantes", "Bordeaux", "Rennes", "Strasbourg"]
IT_STREET = ["Via Roma", "Via Giuseppe Garibaldi", "Viale Monza", "Piazza Navona", "Corso Buenos Aires",
             "Via dei Mille", "Via Po", "Viale Europa"]  # fmt: skip
IT_CITY = ["Roma RM", "Milano (MI)", "Torino TO", "Napoli NA", "Bologna BO", "Firenze (FI)", "Genova GE"]
BR_STREET = ["Rua Augusta", "Av. Paulista", "Rua das Flores", "Rua Oscar Freire", "Avenida Atlântica",
             "Rua da Consolação", "Travessa do Ouvidor"]  # fmt: skip
BR_BAIRRO = ["Consolação", "Bela Vista", "Copacabana", "Centro", "Jardins", "Savassi", "Moinhos de Vento"]
BR_CITY = ["São Paulo - SP", "Rio de Janeiro - RJ", "Belo Horizonte - MG", "Porto Alegre - RS", "Curitiba - PR"]
NO_STREET = ["Drottninggatan", "Storgata", "Vesterbrogade", "Mannerheimintie", "Kungsgatan", "Sveavägen",
             "Karl Johans gate", "Aleksanterinkatu", "Nørregade", "Strandvejen"]  # fmt: skip
NO_CITY = {"Drottninggatan": ("111 21", "Stockholm"), "Storgata": ("0155", "Oslo"),
           "Vesterbrogade": ("1620", "København V"), "Mannerheimintie": ("00100", "Helsinki"),
           "Kungsgatan": ("411 19", "Göteborg"), "Sveavägen": ("113 59", "Stockholm"),
           "Karl Johans gate": ("0162", "Oslo"), "Aleksanterinkatu": ("00170", "Helsinki"),
           "Nørregade": ("1165", "København K"), "Strandvejen": ("2900", "Hellerup")}  # fmt: skip
VN_STREET = ["Lê Lợi", "Nguyễn Huệ", "Trần Hưng Đạo", "Hai Bà Trưng", "Lý Thường Kiệt", "Điện Biên Phủ",
             "Phan Đình Phùng", "Cách Mạng Tháng Tám"]  # fmt: skip
VN_WARD = ["Bến Thành", "Bến Nghé", "Đa Kao", "Tân Định", "Hàng Bạc", "Tràng Tiền", "Cửa Nam"]
VN_CITY = ["TP. Hồ Chí Minh", "Hà Nội", "Đà Nẵng", "TP.HCM", "Hải Phòng", "Cần Thơ"]
EN_HOUSE = ["Rose Cottage", "The Old Rectory", "Ivy House", "Orchard View", "Mill Barn", "Hazel Lodge", "The Granary"]
EN_STREET = ["Mill Lane", "Church Road", "Station Road", "Queens Avenue", "Park Crescent", "Kings Walk", "Hill Rise"]
EN_TOWN = ["Little Snoring, Fakenham", "Ashby, Norwich", "Upton, Didcot", "Kirkby, Leeds", "Elton, Ely"]
UK_PC = ["NR21 0AA", "NR1 3QU", "OX11 9RB", "LS1 4AP", "CB7 4DL"]
US_CITY = [("Springfield", "IL", "62704"), ("Dayton", "OH", "45402"), ("Boise", "ID", "83702"), ("Tulsa", "OK", "74103"),
           ("Eugene", "OR", "97401")]  # fmt: skip
US_STREET = ["Pennsylvania Ave", "Maple St", "Lake Shore Dr", "Oak Blvd", "Main St"]
COUNTRY = {"nl": "Nederland", "de": "Deutschland", "pl": "Polska", "tr": "Türkiye", "mx": "México", "es": "España",
           "fr": "France", "it": "Italia", "br": "Brasil", "no": "", "vn": "Việt Nam", "en": ""}  # fmt: skip


class _Addr:
    """Address builders: (street line, postcode/city line(s)) for one country."""

    def __init__(self, rng: random.Random, held: bool) -> None:
        self.rng = rng
        self.held = held

    def pick(self, items: list):
        a, b = _split(items)
        return self.rng.choice(b if self.held and b else a)

    def num(self, hi: int = 250) -> str:
        return str(self.rng.randint(1, hi))

    def nl(self) -> tuple[str, list[str]]:
        r = self.rng.random()
        n = self.num() + self.rng.choice(["", "", "A", "-II", " hs", "-3", "b"])
        if r < 0.15:
            street = f"Laan van {self.pick(NL_STEMS)}dam {n}"
        elif r < 0.3:
            street = f"Van {self.pick(NL_STEMS)}straat {n}"
        else:
            street = f"{self.pick(NL_STEMS)}{self.pick(NL_SUF)} {n}"
        letters = "".join(self.rng.choice("ABCEGHJKLMNPRTVWXZ") for _ in range(2))
        pc = (
            f"{self.rng.randint(1000, 9999)} {letters}"
            if self.rng.random() < 0.8
            else f"{self.rng.randint(1000, 9999)}{letters}"
        )
        return street, [f"{pc} {self.pick(NL_CITY)}"]

    def de(self) -> tuple[str, list[str]]:
        r = self.rng.random()
        n = self.num(180) + self.rng.choice(["", "", "a", "b", "-12"])
        if r < 0.2:
            street = f"{self.pick(DE_ADJ)} {self.rng.choice(['Straße', 'Str.', 'Allee', 'Weg'])} {n}"
        elif r < 0.32:
            street = f"{self.pick(DE_PREP)} {n}"
        else:
            street = f"{self.pick(DE_STEMS)}{self.pick(DE_SUF)} {n}"
        return street, [f"{self.rng.randint(1000, 99999):05d} {self.pick(DE_CITY)}"]

    def pl(self) -> tuple[str, list[str]]:
        n = self.num(120) + self.rng.choice(["", f"/{self.num(40)}", f" m. {self.num(60)}", f" lok. {self.num(9)}"])
        street = f"{self.pick(PL_TYPE)} {self.pick(PL_NAME)} {n}"
        return street, [f"{self.rng.randint(0, 99):02d}-{self.rng.randint(0, 999):03d} {self.pick(PL_CITY)}"]

    def tr(self) -> tuple[str, list[str]]:
        no = self.rng.choice([f"No: {self.num(90)}", f"No:{self.num(90)}/{self.num(9)}", f"No. {self.num(90)}"])
        unit = self.rng.choice(
            ["", f" D: {self.num(20)}", f" Daire: {self.num(20)}", f" Kat: {self.num(9)}", f" D:{self.num(20)}"]
        )
        street = f"{self.pick(TR_NAME)} {self.pick(TR_TYPE)} {no}{unit}"
        mah = f"{self.pick(TR_MAH)} {self.rng.choice(['Mah.', 'Mahallesi', 'Mh.'])}"
        city = self.pick(TR_CITY)
        if self.rng.random() < 0.3:
            city = city.replace("/", " / ")
        if self.rng.random() < 0.5:
            return f"{mah} {street}", [f"{self.rng.randint(1000, 81999):05d} {city}"]
        return street, [mah, f"{self.rng.randint(1000, 81999):05d} {city}"]

    def mx(self) -> tuple[str, list[str]]:
        n = self.rng.choice(
            [self.num(2000), f"No. {self.num(900)}", f"#{self.num(900)}", f"{self.num(900)} Int. {self.num(12)}"]
        )
        n += self.rng.choice(["", "", f", Depto. {self.num(30)}", f" Int. {self.rng.choice('ABC')}"])
        street = f"{self.pick(MX_TYPE)} {self.pick(MX_NAME)} {n}"
        col = f"{self.rng.choice(['Col.', 'Colonia', 'Col.'])} {self.pick(MX_COL)}"
        cp = f"{self.rng.randint(1000, 99999):05d}"
        city = self.pick(MX_CITY)
        if self.rng.random() < 0.5:
            return street, [col, f"C.P. {cp}", city]
        return street, [col, f"{cp} {city}"]

    def es(self) -> tuple[str, list[str]]:
        street = f"{self.pick(ES_NAME)}, {self.num(150)}" + self.rng.choice(
            ["", f", {self.num(8)}º {self.rng.choice('ABCD')}", ", 2º izq.", f", piso {self.num(9)}"]
        )
        return street, [f"{self.rng.randint(1000, 52999):05d} {self.pick(ES_CITY)}"]

    def fr(self) -> tuple[str, list[str]]:
        street = f"{self.num(120)}{self.rng.choice(['', '', ' bis', ' ter'])} {self.pick(FR_STREET)}"
        return street, [f"{self.rng.randint(1000, 95999):05d} {self.pick(FR_CITY)}"]

    def it(self) -> tuple[str, list[str]]:
        street = f"{self.pick(IT_STREET)}{self.rng.choice([' ', ', '])}{self.num(200)}"
        return street, [f"{self.rng.randint(10, 98999):05d} {self.pick(IT_CITY)}"]

    def br(self) -> tuple[str, list[str]]:
        street = f"{self.pick(BR_STREET)}, {self.num(2500)}" + self.rng.choice(
            ["", f", apto {self.num(120)}", f" - sala {self.num(40)}"]
        )
        cep = f"{self.rng.randint(10000, 99999)}-{self.rng.randint(0, 999):03d}"
        if self.rng.random() < 0.5:
            return street, [f"{self.pick(BR_BAIRRO)}, {self.pick(BR_CITY)}", f"CEP {cep}"]
        return street, [self.pick(BR_BAIRRO), f"{self.pick(BR_CITY)}, {cep}"]

    def no(self) -> tuple[str, list[str]]:
        name = self.pick(NO_STREET)
        pc, city = NO_CITY[name]
        n = self.num(90) + self.rng.choice(["", " B", " B 5", " A 12", "C"])
        return f"{name} {n}", [f"{pc} {city}"]

    def vn(self) -> tuple[str, list[str]]:
        r = self.rng.random()
        name = self.pick(VN_STREET)
        if r < 0.35:
            street = f"{self.num(300)} Đường {name}"
        elif r < 0.55:
            street = f"Số {self.num(99)} Phố {name}"
        else:
            street = f"{self.num(300)}{self.rng.choice(['', '/12', 'A'])} {name}"
        ward = self.rng.choice([f"Phường {self.pick(VN_WARD)}", f"Phường {self.num(15)}"])
        return street, [ward, f"Quận {self.num(12)}", self.pick(VN_CITY)]

    def en(self) -> tuple[str, list[str]]:
        r = self.rng.random()
        if r < 0.35:  # UK house name, street without a number, village, postcode
            return self.pick(EN_HOUSE), [self.pick(EN_STREET), *self.pick(EN_TOWN).split(", "), self.pick(UK_PC)]
        city, st, zipc = self.pick(US_CITY)
        if r < 0.7:
            return f"{self.rng.choice(['PO Box', 'P.O. Box', 'Post Office Box'])} {self.num(9999)}", [
                city,
                f"{st} {zipc}",
            ]
        d = self.rng.choice(["NW", "SE", "N", "W"])
        return f"{self.num(4000)} {self.pick(US_STREET)} {d}", [city, f"{st} {zipc}"]

    def build(self, country: str, multiline: bool, country_line: bool) -> str:
        street, rest = getattr(self, country)()
        lines = [street, *rest]
        if multiline:
            # postal blocks put the district and the postcode/city on their own lines
            text = "\n".join(lines)
        else:
            text = ", ".join(lines)
        if country_line and COUNTRY[country]:
            text += ("\n" if multiline else ", ") + COUNTRY[country]
        return text


COUNTRIES = ["nl", "de", "pl", "tr", "mx", "es", "fr", "it", "br", "no", "vn", "en"]

# ---------------------------------------------------------------- templates
INLINE = [
    "Hi, please send the replacement to {a}. The parcel can go to a neighbour if I am out.",
    "Customer moved last month. New address: {a}. Update billing before the next run.",
    "hey, can you drop the keys at {a}? i'll be back around 6",
    "Meeting notes\n- Delivery address confirmed as {a}\n- Invoice to follow next week",
    "Ticket: the courier could not find {a}, please call the client before retrying.",
    "Speaker 1: And where should we send the contract?\nSpeaker 2: To {a}, that's the office.",
    "For the visa form I listed {a} as my residence.",
    "Pickup point changed to {a} (ring twice).",
    "We stayed at {a} for two weeks; the landlord wants the deposit form back.",
    "Registered office: {a}",
]
BLOCK = [
    "Dear team,\n\nplease update my postal address to:\n\n{a}\n\nKind regards",
    "Shipping label\n\nAttn: Accounts Payable\n{a}\n\nFragile - handle with care",
    "Invoice 2024-117\n\nBill to:\n{a}\n\nAmount due: 240,00 EUR",
    "Hello,\nmy new address is\n{a}\nThe old one is no longer valid.",
    "Return to sender\n{a}",
    "Delivery note\nDeliver to:\n{a}\nContact the front desk on arrival.",
]

# dates of birth
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
ORD = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
       "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
       "twentieth", "twenty-first", "twenty-second", "twenty-third", "twenty-fourth", "twenty-fifth",
       "twenty-sixth", "twenty-seventh", "twenty-eighth"]  # fmt: skip
CARD = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
        "twenty one", "twenty two", "twenty three", "twenty four", "twenty five", "twenty six", "twenty seven",
        "twenty eight"]  # fmt: skip
ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def _year_words(y: int) -> str:
    if y >= 2000:
        return (
            "two thousand" + (f" and {ONES[y - 2000]}" if y > 2000 else "") if y < 2010 else f"twenty {_two(y - 2000)}"
        )
    return f"nineteen {_two(y - 1900)}"


def _two(n: int) -> str:
    if n < 10:
        return f"oh {ONES[n]}"
    if n < 20:
        return CARD[n - 1]
    return TENS[n // 10] + (f"-{ONES[n % 10]}" if n % 10 else "")


def dob_value(rng: random.Random, held: bool) -> str:
    y, m, d = rng.randint(1941, 2006), rng.randint(1, 12), rng.randint(1, 28)
    mon = MONTHS[m - 1]
    sfx = {1: "st", 2: "nd", 3: "rd"}.get(d % 10 if d not in (11, 12, 13) else 0, "th")
    forms = [
        f"{mon[:3]} {d}, {y}",
        f"{d}.{m:02d}.{y}",
        f"{d} {mon} '{y % 100:02d}",
        f"{d} {mon[:3]} {y}",
        f"{d:02d} {mon[:3]} {y % 100:02d}",
        f"{m}/{d}/{y % 100:02d}",
        f"{y}-{m:02d}-{d:02d}",
        f"{mon} {d}, {y}",
        f"{d}{sfx} {mon} {y}",
        f"{CARD[d - 1]} {mon.lower()} {_year_words(y)}",
        f"{mon.lower()} {CARD[d - 1]} {_year_words(y)}",
        f"the {ORD[d - 1]} of {mon.lower()} {_year_words(y)}",
        f"{d:02d}.{m:02d}.{y % 100:02d}",
        f"{d}-{mon[:3]}-{y % 100:02d}",
        f"{mon[:3]}. {d} {y}",
        f"{d}/{m}/{y}",
        f"{y}.{m:02d}.{d:02d}",
        f"{mon} {d}{sfx} {y}",
        f"{d} {mon.lower()} {y}",
        f"{ORD[d - 1]} {mon.lower()} {y}",
    ]
    a, b = _split(forms)
    return rng.choice(b if held else a)


DOB_TEMPLATES = [
    "Patient intake: {name_role}, born {d}. Allergies: none known.",
    "DOB: {d}\nPolicy: standard\nNotes: prefers email",
    "Can you confirm your date of birth? Sure, it's {d}.",
    "speaker 1: and your date of birth please\nspeaker 2: {d}",
    "Customer verified identity (d.o.b. {d}) before the refund was issued.",
    "Her birthday is {d}, so the card must be renewed before then.",
    "Applicant details - birth date {d}, nationality on file.",
    "Member since 2019. Born on {d} in a small town, moved here for work.",
    "Date of birth, as written on the form we received last Tuesday, is {d}.",
    "{role} (b. {d}) joins the board next month.",
    "Geburtsdatum: {d}",
    "Fecha de nacimiento: {d}",
    "Speaker 2: I was born {d}, if that helps the search.",
    "The client's DOB is {d} according to the passport copy.",
    "Age 41, born {d}. Referred by the clinic.",
    "birthdate {d} - please double check it matches the ID",
    "Data di nascita: {d}",
    "Doğum tarihi: {d}",
    "Date de naissance : {d}",
    "born: {d} / place of birth: unknown",
    "i was born on {d} so i am old enough for the plan right",
    "We need the birth date ({d}) to reopen the account.",
]
DOB_ROLES = ["the applicant", "our new tenant", "the caller", "the account holder", "the patient", "the student"]

CONTROLS = [
    "Release 2024.3 ships on 14 March 2025. Chapter 12, Section 3 of the handbook covers it.",
    "The meeting is at Gate 12, Terminal 2, then Room 101, Building 4. Bring the slides.",
    "We sold 2048 units in Q3; 1500 Units went to Berlin and 900 to Amsterdam resellers.",
    "Pay via Stripe, 2 invoices failed on 03/04/2024. Version 12a is out next week.",
    "In 2023 Paris, in 2024 Lyon and in 2025 Madrid hosted the summit.",
    "Windows 11, Office 365, Python 3.12 and Node 20 are on the image.",
    "Step 1, Step 2 - Step 3. Room 4, Floor 2, Desk 17.",
    "The project was born out of the 2019 hackathon; the kickoff is on 12 March 2024.",
    "Deadline for the birthday campaign assets: 2024-06-30. Launch on July 4, 2024.",
    "Invoice dated 05.11.2023, due 05.12.2023. Ticket 88213 closed on 2023-12-07.",
    "Our Amsterdam office is on the fourth floor; the Berlin team sits on floor 2. Platform 9 is closed.",
    "Schedule: Monday - Kraków workshop; Tuesday - Warszawa demo; 10 attendees each.",
    "Flight LH 2024 to München leaves at 10:15 from gate B12; return on 21 May.",
    "Board minutes 14/02/2024: budget approved, hiring plan for 2025, next review 3 June.",
    "speaker 1: the new build is 4.2 and it goes out on march fourth\nspeaker 2: ok born of necessity i guess",
    "The newborn care guide, 2nd edition, was published on 1 Feb 2022 by the clinic.",
    "Top 10 Cities 2024: Lisboa, Porto, Sevilla, Valencia. Page 12, Table 3.",
    "Route 66, Highway 1 and Avenue Q were the three themes of the 2023 offsite.",
    "Order 10115 shipped; 50000 Users signed up, 12000 Euros raised for the fund.",
    "Sprint 14, Story 221 - Via Rail integration; Sprint 15, Story 230 - Place Order button.",
]


def generate(rng: random.Random, start_id: int, held_out: bool = False) -> list[Doc]:
    docs: list[Doc] = []
    inline_t, inline_h = _split(INLINE)
    block_t, block_h = _split(BLOCK)
    dob_t, dob_h = _split(DOB_TEMPLATES)
    ctl_t, ctl_h = _split(CONTROLS)
    inline, block = (inline_h, block_h) if held_out else (inline_t, block_t)
    dobs, controls = (dob_h, ctl_h) if held_out else (dob_t, ctl_t)
    build = _Addr(rng, held_out)
    for country in COUNTRIES:
        for k in range(10):
            multiline = k % 2 == 1
            a = build.build(country, multiline, rng.random() < 0.4)
            tpl = rng.choice(block if multiline else inline)
            text = tpl.format(a=a)
            if "speaker" in tpl or (not multiline and rng.random() < 0.15):
                text, a = text.lower(), a.lower()
            docs.append(Doc(start_id + len(docs), "address", country, text, [Pii("ADDRESS", a)]))
    for _ in range(60):
        d = dob_value(rng, held_out)
        tpl = rng.choice(dobs)
        text = tpl.format(d=d, name_role=rng.choice(DOB_ROLES), role=rng.choice(DOB_ROLES).capitalize())
        docs.append(Doc(start_id + len(docs), "dob", "en", text, [Pii("DOB", d)]))
    for text in controls:
        docs.append(Doc(start_id + len(docs), "control", "en", text, [], control=True))
    return docs


def generate_held_out(rng: random.Random, start_id: int) -> list[Doc]:
    return generate(rng, start_id, held_out=True)
