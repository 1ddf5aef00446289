"""Word lists the detectors consult: context words, public-place nouns, names.

All entries are written in folded form (Persian ی/ک, Latin digits); the text
they are matched against is folded first. Regexes are built in ``patterns``.
"""

from __future__ import annotations

# Words before (or after) a number that say which identifier it is.
POSITIVE_CONTEXT: dict[str, tuple[str, ...]] = {
    "NATIONAL_ID": ("کد ملی", "کدملی", "کد\u200cملی", "شماره ملی", "national id",
                    "national code", "national no", "melli code", "code melli", "nid"),
    "LEGAL_ENTITY_ID": ("شناسه ملی", "شناسه\u200cملی", "شناسه حقوقی", "legal entity id",
                        "legal id", "company national id"),
    "POSTAL_CODE": ("کد پستی", "کدپستی", "کد\u200cپستی", "postal code", "postcode",
                    "post code", "zip"),
    "PHONE": ("تلفن", "تلفن همراه", "موبایل", "شماره همراه", "همراه", "شماره تماس",
              "تماس", "فکس", "نمابر", "tel", "phone", "mobile", "cell", "fax", "whatsapp",
              "واتساپ"),
    "BANK_CARD": ("شماره کارت", "کارت بانکی", "کارت", "card"),
    "IBAN": ("شبا", "sheba", "shaba", "iban"),
    "BIRTH_CERT": ("شناسنامه", "ش.ش", "birth certificate", "birth cert", "shenasnameh"),
    "PASSPORT": ("گذرنامه", "پاسپورت", "passport"),
    "PLATE": ("پلاک خودرو", "پلاک", "خودرو", "ماشین", "موتورسیکلت", "plate", "vehicle"),
    "GPS": ("lat", "lon", "lng", "latitude", "longitude", "عرض جغرافیایی",
            "طول جغرافیایی", "مختصات", "موقعیت", "location", "coordinates"),
}

# Money, dates and codes of public things: a number next to these is not personal.
NEGATIVE_CONTEXT: tuple[str, ...] = (
    "ریال", "تومان", "﷼", "rial", "toman", "irr", "بودجه", "مبلغ", "اعتبار", "هزینه",
    "درآمد", "قیمت", "budget", "amount", "price", "cost", "revenue",
    "ایستگاه", "station", "منطقه", "ناحیه", "district", "zone", "کد پروژه", "شماره پروژه",
    "project", "شماره نامه", "شماره قرارداد", "contract", "سریال", "serial", "بارکد",
    "barcode", "کد کالا", "جمعیت", "population", "مساحت", "area", "متر", "سال",
    "تاریخ", "date", "شماره مصوبه", "ردیف بودجه", "کد خط", "خط اتوبوس",
)

# An organisation's own contact details are public, not personal.
PUBLIC_ORG: tuple[str, ...] = (
    "سازمان", "شهرداری", "اداره", "روابط عمومی", "دفتر", "ستاد", "وزارت", "مرکز تماس",
    "پشتیبانی", "سامانه", "فرمانداری", "استانداری", "دبیرخانه", "شرکت", "بیمارستان",
    "آتش\u200cنشانی", "آتش نشانی", "اورژانس", "پلیس", "شورای شهر", "منطقه", "ناحیه",
    "organization", "organisation", "office", "municipality", "public relations",
    "call center", "hotline", "support", "department", "ministry", "company",
)

# Places whose coordinates, names and addresses are public.
PUBLIC_PLACE: tuple[str, ...] = (
    "پارک", "بوستان", "ایستگاه", "مترو", "میدان", "مدرسه", "بیمارستان", "مسجد",
    "کتابخانه", "موزه", "ترمینال", "فرهنگسرا", "ورزشگاه", "درمانگاه", "پایانه",
    "دانشگاه", "park", "station", "metro", "square", "school", "hospital", "library",
    "museum", "terminal", "stadium", "mosque", "university",
)

# Role-based mailbox names: an organisation's address, not a person's.
ROLE_MAILBOXES: frozenset[str] = frozenset(
    ["info", "contact", "support", "pr", "office", "admin", "webmaster", "noreply", "no-reply", "help", "service", "services", "sales", "hr", "press", "media", "news", "secretariat", "dabirkhaneh", "ravabet", "public", "postmaster", "hello", "feedback", "complaints"]
)

# Iranian area codes (without the leading 0) of landlines.
AREA_CODES: frozenset[str] = frozenset(
    ["11", "13", "17", "21", "23", "24", "25", "26", "28", "31", "34", "35", "38", "41", "44", "45", "51", "54", "56", "58", "61", "66", "71", "74", "76", "77", "81", "83", "84", "86", "87"]
)

# Letters used on Iranian licence plates (الف is matched separately).
PLATE_LETTERS = "بپتثجدزژسشصطعفقکگلمنوهیDS"

# Words that open a street address, and the unit words that end one.
ADDRESS_OPENERS: tuple[str, ...] = (
    "استان", "شهرستان", "شهر", "تهران", "خیابان", "خ.", "بلوار", "بزرگراه", "اتوبان",
    "میدان", "کوچه", "ک.", "بن\u200cبست", "بن بست", "محله", "شهرک", "نبش", "جنب",
    "روبروی", "انتهای", "ابتدای", "کوی", "مجتمع", "برج", "نشانی", "آدرس",
)
ADDRESS_STREET_WORDS: tuple[str, ...] = (
    "خیابان", "خ.", "بلوار", "بزرگراه", "اتوبان", "میدان", "کوچه", "ک.", "بن\u200cبست",
    "بن بست", "محله", "شهرک", "کوی", "نشانی", "آدرس", "جاده",
)
ADDRESS_UNITS: tuple[str, ...] = ("واحد", "طبقه", "زنگ", "ورودی", "بلوک")

# Titles that precede a person's name (the span excludes the title).
PERSON_TITLES: tuple[str, ...] = (
    "آقای", "خانم", "جناب", "سرکار", "Mr.", "Mrs.", "Ms.", "Mr", "Mrs", "Ms", "Miss",
)

# A name right after these is a street, a place or a public figure.
NAME_BLOCKERS: frozenset[str] = frozenset(
    ["خیابان", "خ", "کوچه", "ک", "بلوار", "بزرگراه", "اتوبان", "میدان", "پارک", "بوستان", "بیمارستان", "مدرسه", "دبستان", "دبیرستان", "هنرستان", "ایستگاه", "مترو", "مسجد", "امام", "امامزاده", "حضرت", "شهید", "سردار", "ورزشگاه", "دانشگاه", "سالن", "مجتمع", "برج", "پل", "تونل", "شهرک", "محله", "فرهنگسرا", "کتابخانه", "سینما", "تالار", "باغ", "کوی", "مرکز", "موسسه", "مؤسسه", "بنیاد", "حسینیه", "تکیه", "درمانگاه", "پایانه", "ترمینال", "جاده", "گذر", "سرای", "بازار", "street", "avenue", "st", "ave", "square", "park", "hospital", "school", "station", "imam", "shahid"]
)

# Role nouns: "آقای شهردار" names an office, not a private person.
ROLE_WORDS: frozenset[str] = frozenset(
    ["شهردار", "رئیس", "رییس", "مدیر", "مدیرکل", "معاون", "وزیر", "نماینده", "سرپرست", "استاندار", "فرماندار", "دبیر", "عضو", "محترم", "گرامی", "عزیز", "ها\u200c", "ها"]
)

# Common Persian given names (folded), the PERSON lexicon's anchor.
FIRST_NAMES: tuple[str, ...] = tuple(
    ["محمد", "علی", "حسین", "حسن", "رضا", "مهدی", "امیر", "ابوالفضل", "علیرضا", "محمدرضا", "محمدحسین", "محمدعلی", "امیرحسین", "امیرعلی", "مصطفی", "مرتضی", "مجتبی", "سعید", "حمید", "مجید", "وحید", "جواد", "احمد", "محمود", "مسعود", "ناصر", "بهروز", "بهرام", "فرهاد", "فرشید", "کامران", "داریوش", "کوروش", "بابک", "سیاوش", "آرش", "پیمان", "پویا", "پرهام", "سینا", "نیما", "کیان", "آرمان", "بردیا", "ماهان", "یاسین", "طاها", "هادی", "یوسف", "ابراهیم", "اسماعیل", "اکبر", "اصغر", "قاسم", "هاشم", "کاظم", "صادق", "باقر", "جعفر", "عباس", "موسی", "عیسی", "سجاد", "میلاد", "حامد", "حمیدرضا", "غلامرضا", "غلامحسین", "عبدالله", "روح\u200cالله", "حبیب\u200cالله", "فرزاد", "شهرام", "شهریار", "بیژن", "منوچهر", "هوشنگ", "فریدون", "جمشید", "کیوان", "رامین", "شاهین", "افشین", "فاطمه", "زهرا", "مریم", "زینب", "معصومه", "سکینه", "طاهره", "طیبه", "مهسا", "مهناز", "مینا", "نازنین", "نرگس", "نسرین", "نیلوفر", "پریسا", "پروانه", "پروین", "ژاله", "لیلا", "لادن", "سارا", "سمیرا", "سمانه", "سپیده", "شیما", "شیرین", "شهلا", "شهناز", "فرشته", "فرزانه", "فریبا", "مهرناز", "مهین", "منیژه", "هانیه", "هستی", "یاسمن", "یگانه", "الهام", "الهه", "اعظم", "اشرف", "آزاده", "آناهیتا", "آیدا", "آیلین", "ترانه", "تینا", "حدیث", "حمیده", "رقیه", "رویا", "ریحانه", "زری", "زهره", "ساناز", "سحر", "سوسن", "سیما", "صدیقه", "عاطفه", "فرح", "فرناز", "کبری", "کتایون", "گلناز", "گلاره", "محبوبه", "مرجان", "مژگان", "نادیا", "ندا", "نگار", "نوشین", "هما", "یلدا", "بهاره", "ملیکه", "محدثه", "فائزه", "کوثر"]
)

# Given names that are also everyday words: they need a known surname or a title.
AMBIGUOUS_FIRST_NAMES: frozenset[str] = frozenset(
    ["امید", "آرزو", "نسیم", "صبا", "بهار", "ستاره", "مهر", "امین", "شادی", "روشن", "عزیز", "کریم", "رحیم", "حسن", "جمال", "کمال", "نور", "سحر", "رویا", "هما", "ندا", "نگار", "فرح", "زری", "یگانه", "کوثر", "حدیث", "هستی", "موسی", "عیسی", "قاسم", "صادق", "باقر", "اکبر", "اصغر", "حبیب"]
)

# Common surnames (folded); surnames outside it are accepted by suffix.
SURNAMES: frozenset[str] = frozenset(
    ["محمدی", "حسینی", "احمدی", "رضایی", "موسوی", "کریمی", "رحیمی", "هاشمی", "صادقی", "جعفری", "مرادی", "قاسمی", "کاظمی", "ابراهیمی", "حیدری", "نوری", "عباسی", "اکبری", "سلیمانی", "طاهری", "امیری", "زارعی", "شریفی", "کرمی", "رستمی", "محمودی", "یوسفی", "نجفی", "باقری", "عزیزی", "صالحی", "فتحی", "نظری", "قربانی", "میرزایی", "شیرازی", "تهرانی", "اصفهانی", "تبریزی", "رشتی", "کاشانی", "یزدی", "کرمانی", "قزوینی", "خراسانی", "علوی", "مختاری", "بهرامی", "فرهادی", "رحمانی", "سبحانی", "توکلی", "منصوری", "کامرانی", "شجاعی"]
)

# Endings most Persian surnames carry.
SURNAME_SUFFIXES: tuple[str, ...] = (
    "ی", "یان", "زاده", "پور", "نژاد", "فر", "نیا", "لو", "وند", "راد", "مند", "کیا",
    "دوست", "خواه", "پناه", "بخش", "فرد", "منش", "زادگان", "آبادی",
)

# English transliterations (title case) of the commonest given names.
LATIN_FIRST_NAMES: tuple[str, ...] = tuple(
    ["Mohammad", "Mohammed", "Ali", "Hossein", "Hassan", "Reza", "Mahdi", "Mehdi", "Amir", "Alireza", "Mostafa", "Morteza", "Saeed", "Hamid", "Majid", "Vahid", "Javad", "Ahmad", "Mahmoud", "Masoud", "Behrouz", "Bahram", "Farhad", "Dariush", "Kourosh", "Babak", "Siavash", "Arash", "Peyman", "Pouya", "Sina", "Nima", "Kian", "Arman", "Hadi", "Yousef", "Ebrahim", "Abbas", "Sajjad", "Milad", "Hamed", "Shahram", "Ramin", "Afshin", "Fatemeh", "Zahra", "Maryam", "Zeinab", "Mahsa", "Mina", "Narges", "Nasrin", "Niloufar", "Parisa", "Leila", "Sara", "Samira", "Sepideh", "Shima", "Shirin", "Fereshteh", "Farzaneh", "Elham", "Azadeh", "Anahita", "Ayda", "Tina", "Roya", "Sahar", "Marjan", "Mojgan", "Neda", "Negar", "Yalda"]
)
