"""Multilingual everyday words and phrases mapped to taxonomy codes, search flags and stopwords."""

# fmt: off

# code -> language -> phrases. Chinese has no spaces and is matched as substrings,
# so zh tuples hold 2-4 character words (Simplified and Traditional), never single characters.
SERVICE_TERMS: dict[str, dict[str, tuple[str, ...]]] = {
    "shelter": {
        "en": ("shelter", "shelters", "emergency shelter", "safe house", "safe place", "place to stay", "somewhere to stay", "place to sleep", "bed for tonight", "refuge"),
        "es": ("refugio", "refugios", "albergue", "albergues", "casa segura", "lugar seguro", "dónde dormir", "donde dormir", "lugar para dormir", "dónde quedarme"),
        # Not bare 庇护: it is also the word for asylum (政治庇护).
        "zh": ("庇护所", "庇護所", "避难所", "避難所", "收容所", "安全屋", "过夜", "過夜", "睡觉的地方", "睡覺的地方"),
        # Not убежище: in a migration context it means asylum.
        "ru": ("приют", "приюта", "приюты", "шелтер", "ночлег", "переночевать", "где переночевать", "безопасное место", "где поспать"),
        # Not bare আশ্রয়: it also means asylum (রাজনৈতিক আশ্রয়).
        "bn": ("আশ্রয়কেন্দ্র", "আশ্রয়স্থল", "নিরাপদ আশ্রয়", "শেল্টার", "থাকার জায়গা", "ঘুমানোর জায়গা", "রাতে থাকার জায়গা"),
        "ht": ("abri", "abri ijans", "refij", "kote pou m dòmi", "kote pou m domi", "kote pou m rete", "plas pou dòmi", "plas pou domi"),
        "ko": ("쉼터", "보호소", "피난처", "긴급 쉼터", "잘 곳", "잠잘 곳", "머물 곳", "안전한 곳"),
        "ar": ("ملجأ", "ملجا", "ملاجئ", "مأوى", "ماوى", "دار إيواء", "إيواء", "ايواء", "مكان للنوم", "مكان آمن"),
        # Not bare پناہ: it also means asylum (سیاسی پناہ).
        "ur": ("پناہ گاہ", "شیلٹر", "دارالامان", "رہنے کی جگہ", "سونے کی جگہ", "محفوظ جگہ", "رات گزارنے کی جگہ"),
        "fr": ("refuge", "abri", "foyer", "hébergement d'urgence", "hebergement d'urgence", "centre d'hébergement", "mise à l'abri", "où dormir", "ou dormir", "endroit pour dormir"),
        "pl": ("schronisko", "schroniska", "schronienie", "noclegownia", "nocleg", "noclegu", "bezpieczne miejsce", "gdzie spać", "gdzie przenocować", "gdzie przenocowac"),
    },
    "housing": {
        "en": ("housing", "apartment", "apartments", "rent", "rent help", "transitional housing", "long-term housing", "permanent housing", "supportive housing", "place to live"),
        "es": ("vivienda", "viviendas", "apartamento", "departamento", "renta", "alquiler", "ayuda con la renta", "vivienda transitoria", "habitación", "lugar para vivir"),
        "zh": ("住房", "住屋", "住所", "公寓", "房租", "租房", "租金", "过渡住房", "過渡住房", "长期住房", "長期住房"),
        "ru": ("жилье", "жильё", "квартира", "квартиру", "аренда", "снять квартиру", "оплата аренды", "временное жилье", "временное жильё", "комната", "комнату"),
        # Not bare ভাড়া: it also means a travel fare.
        "bn": ("বাসা", "বাসস্থান", "আবাসন", "অ্যাপার্টমেন্ট", "বাড়ি ভাড়া", "বাসা ভাড়া", "ভাড়ার সাহায্য", "থাকার ঘর"),
        # Not kay: "kay doktè" means "at the doctor's".
        "ht": ("lojman", "apatman", "lwaye", "peye lwaye", "èd pou lwaye", "ed pou lwaye", "chanm", "kote pou m viv"),
        "ko": ("주거", "주택", "아파트", "월세", "집세", "렌트", "임대", "살 곳", "임시 주거", "장기 주거"),
        "ar": ("سكن", "شقة", "شقق", "إيجار", "ايجار", "مساعدة في الإيجار", "سكن انتقالي", "سكن دائم", "منزل", "مكان للعيش"),
        # Not bare کرایہ: it also means a travel fare.
        "ur": ("رہائش", "مکان", "اپارٹمنٹ", "فلیٹ", "گھر", "گھر کا کرایہ", "مکان کا کرایہ", "عارضی رہائش", "مستقل رہائش"),
        "fr": ("logement", "logements", "appartement", "loyer", "aide au loyer", "logement de transition", "logement temporaire", "chambre", "hlm"),
        "pl": ("mieszkanie", "mieszkania", "mieszkaniem", "czynsz", "wynajem", "pokój", "pokoj", "zakwaterowanie", "mieszkanie przejściowe", "dopłata do czynszu"),
    },
    "legal": {
        "en": ("lawyer", "lawyers", "attorney", "attorneys", "legal aid", "legal help", "legal advice", "court", "criminal record", "vacatur", "vacate conviction", "order of protection", "protection order", "restraining order"),
        "es": ("abogado", "abogada", "abogados", "asesoría legal", "asesoria legal", "ayuda legal", "corte", "tribunal", "antecedentes penales", "orden de protección", "orden de proteccion"),
        "zh": ("律师", "律師", "法律", "法律援助", "法院", "法庭", "官司", "犯罪记录", "犯罪記錄", "保护令", "保護令"),
        "ru": ("адвокат", "адвоката", "адвокаты", "юрист", "юриста", "юридическая помощь", "юридическая консультация", "суд", "суда", "судимость", "охранный ордер"),
        # In Bangladesh "advocate" (অ্যাডভোকেট) is a lawyer's title.
        "bn": ("আইনজীবী", "উকিল", "অ্যাডভোকেট", "লয়ার", "আইনি সহায়তা", "আইনি সাহায্য", "আইনি পরামর্শ", "আদালত", "কোর্ট", "মামলা"),
        "ht": ("avoka", "asistans legal", "èd legal", "ed legal", "tribinal", "jij", "dosye kriminèl", "dosye kriminel", "lòd pwoteksyon", "lod pwoteksyon"),
        "ko": ("변호사", "법률", "법률 상담", "법률 지원", "법원", "재판", "소송", "범죄 기록", "전과", "접근금지명령", "보호명령"),
        "ar": ("محامي", "محامى", "محامية", "محامين", "مساعدة قانونية", "استشارة قانونية", "محكمة", "المحكمة", "سجل جنائي", "أمر حماية"),
        # In Pakistan "advocate" (ایڈووکیٹ) is a lawyer's title.
        "ur": ("وکیل", "وکلاء", "ایڈووکیٹ", "لائر", "قانونی مدد", "قانونی مشورہ", "عدالت", "کورٹ", "مقدمہ", "مجرمانہ ریکارڈ"),
        "fr": ("avocat", "avocate", "avocats", "juriste", "aide juridique", "conseil juridique", "assistance juridique", "tribunal", "casier judiciaire", "ordonnance de protection"),
        "pl": ("adwokat", "adwokata", "adwokatem", "prawnik", "prawnika", "prawnikiem", "radca prawny", "pomoc prawna", "porada prawna", "sąd", "sądu", "zakaz zbliżania się"),
    },
    "immigration": {
        "en": ("immigration", "visa", "t visa", "t-visa", "u visa", "u-visa", "asylum", "green card", "deportation", "immigration papers", "immigration status", "work permit", "tps"),
        "es": ("inmigración", "inmigracion", "visa", "visa t", "visa u", "asilo", "tarjeta verde", "green card", "deportación", "deportacion", "papeles", "permiso de trabajo", "estatus migratorio", "tps"),
        "zh": ("移民", "签证", "簽證", "政治庇护", "政治庇護", "申请庇护", "申請庇護", "绿卡", "綠卡", "递解", "遞解", "驱逐出境", "驅逐出境", "工卡", "工作许可", "工作許可"),
        "ru": ("иммиграция", "иммиграции", "виза", "визу", "визы", "убежище", "политическое убежище", "грин карта", "грин-карта", "гринкарта", "депортация", "депортации", "разрешение на работу"),
        "bn": ("অভিবাসন", "ইমিগ্রেশন", "ভিসা", "টি ভিসা", "ইউ ভিসা", "রাজনৈতিক আশ্রয়", "অ্যাসাইলাম", "গ্রিন কার্ড", "ডিপোর্ট", "ওয়ার্ক পারমিট"),
        # "papye" is the everyday word for immigration papers.
        "ht": ("imigrasyon", "viza", "viza t", "viza u", "azil", "kat vèt", "kat vet", "rezidans", "depòtasyon", "depotasyon", "papye", "pèmi travay", "pemi travay", "tps"),
        "ko": ("이민", "비자", "티 비자", "유 비자", "망명", "영주권", "그린카드", "추방", "체류 신분", "노동 허가", "워크퍼밋", "시민권"),
        "ar": ("هجرة", "الهجرة", "تأشيرة", "تاشيرة", "فيزا", "لجوء", "اللجوء", "البطاقة الخضراء", "جرين كارد", "ترحيل", "الترحيل", "إقامة", "اقامة", "تصريح عمل"),
        "ur": ("امیگریشن", "ویزا", "ٹی ویزا", "یو ویزا", "سیاسی پناہ", "اسائلم", "گرین کارڈ", "ملک بدری", "ڈیپورٹ", "ڈی پورٹ", "ورک پرمٹ"),
        "fr": ("immigration", "visa", "visa t", "visa u", "asile", "demande d'asile", "carte verte", "green card", "expulsion", "déportation", "papiers", "permis de travail", "titre de séjour", "régularisation", "regularisation"),
        "pl": ("imigracja", "imigracji", "wiza", "wizy", "wizę", "wize", "azyl", "azylu", "zielona karta", "zieloną kartę", "zielona karte", "deportacja", "deportacji", "pozwolenie na pracę", "karta pobytu"),
    },
    "counseling": {
        "en": ("counseling", "counselling", "counselor", "therapy", "therapist", "mental health", "psychologist", "psychiatrist", "trauma", "support group", "someone to talk to", "depression", "anxiety"),
        "es": ("consejería", "consejeria", "terapia", "terapeuta", "psicólogo", "psicóloga", "psicologo", "psicologa", "salud mental", "trauma", "grupo de apoyo", "apoyo emocional", "depresión", "depresion", "ansiedad"),
        "zh": ("心理咨询", "心理諮詢", "心理辅导", "心理輔導", "心理治疗", "心理治療", "心理医生", "心理醫生", "心理健康", "精神健康", "创伤", "創傷", "支持小组", "支持小組", "抑郁", "憂鬱"),
        "ru": ("психолог", "психолога", "психотерапевт", "психотерапия", "терапия", "психологическая помощь", "психическое здоровье", "травма", "группа поддержки", "депрессия"),
        "bn": ("কাউন্সেলিং", "থেরাপি", "মানসিক স্বাস্থ্য", "মনোবিজ্ঞানী", "মনোরোগ বিশেষজ্ঞ", "মানসিক সহায়তা", "সাপোর্ট গ্রুপ", "ট্রমা", "বিষণ্ণতা", "ডিপ্রেশন"),
        "ht": ("terapi", "terapis", "sikològ", "sikolog", "sante mantal", "gwoup sipò", "gwoup sipo", "twoma", "depresyon", "konseye"),
        # Not bare 상담: it also appears in 법률 상담 (legal advice).
        "ko": ("심리 상담", "심리상담", "상담사", "상담 치료", "심리 치료", "정신 건강", "정신건강", "심리학자", "트라우마", "지원 그룹", "우울증"),
        "ar": ("استشارة نفسية", "علاج نفسي", "معالج نفسي", "طبيب نفسي", "أخصائي نفسي", "اخصائي نفسي", "الصحة النفسية", "صحة نفسية", "صدمة", "مجموعة دعم", "دعم نفسي", "اكتئاب"),
        "ur": ("کاؤنسلنگ", "کونسلنگ", "تھراپی", "ماہر نفسیات", "نفسیاتی مدد", "ذہنی صحت", "سپورٹ گروپ", "صدمہ", "ٹراما", "ڈپریشن"),
        "fr": ("psychologue", "psy", "thérapie", "therapie", "thérapeute", "soutien psychologique", "santé mentale", "sante mentale", "traumatisme", "groupe de soutien", "groupe de parole", "dépression", "depression"),
        "pl": ("psycholog", "psychologa", "psychoterapia", "psychoterapeuta", "terapia", "terapeuta", "zdrowie psychiczne", "wsparcie psychologiczne", "trauma", "grupa wsparcia", "depresja"),
    },
    "medical": {
        "en": ("doctor", "doctors", "clinic", "hospital", "health care", "healthcare", "medical", "medical care", "pregnancy", "pregnant", "hiv test", "hiv testing", "std testing", "dentist", "nurse"),
        # Not bare salud: it is also part of "salud mental".
        "es": ("médico", "medico", "médica", "medica", "doctor", "doctora", "clínica", "clinica", "hospital", "centro de salud", "atención médica", "embarazo", "embarazada", "prueba de vih", "dentista"),
        "zh": ("医生", "醫生", "看病", "诊所", "診所", "医院", "醫院", "医疗", "醫療", "怀孕", "懷孕", "艾滋病", "愛滋病", "牙医", "牙醫", "体检", "體檢"),
        "ru": ("врач", "врача", "доктор", "клиника", "больница", "поликлиника", "медицинская помощь", "беременность", "беременна", "тест на вич", "вич", "стоматолог", "зубной врач"),
        "bn": ("ডাক্তার", "ডাক্তারের", "চিকিৎসা", "চিকিৎসক", "ক্লিনিক", "হাসপাতাল", "স্বাস্থ্যসেবা", "গর্ভবতী", "গর্ভাবস্থা", "এইচআইভি", "দাঁতের ডাক্তার", "ডেন্টিস্ট"),
        "ht": ("doktè", "dokte", "klinik", "lopital", "swen sante", "ansent", "gwosès", "gwoses", "tès vih", "tes vih", "dantis", "enfimyè", "enfimye"),
        "ko": ("의사", "병원", "클리닉", "진료", "의료", "보건소", "임신", "hiv 검사", "에이즈 검사", "치과", "치과의사"),
        # Not bare علاج: it is also part of "علاج نفسي" and "علاج الإدمان".
        "ar": ("طبيب", "طبيبة", "دكتور", "دكتورة", "عيادة", "مستشفى", "رعاية صحية", "حامل", "الحمل", "فحص الإيدز", "طبيب أسنان"),
        "ur": ("ڈاکٹر", "کلینک", "ہسپتال", "اسپتال", "طبی امداد", "میڈیکل", "حاملہ", "حمل", "ایچ آئی وی", "ڈینٹسٹ", "دانتوں کا ڈاکٹر"),
        "fr": ("médecin", "medecin", "docteur", "clinique", "hôpital", "hopital", "soins médicaux", "soins de santé", "enceinte", "grossesse", "test vih", "dépistage vih", "dentiste", "infirmière"),
        "pl": ("lekarz", "lekarza", "lekarzem", "przychodnia", "klinika", "szpital", "opieka zdrowotna", "ciąża", "w ciąży", "test na hiv", "dentysta", "dentysty", "stomatolog"),
    },
    "case_management": {
        "en": ("case manager", "case management", "caseworker", "case worker", "social worker", "advocate", "advocacy", "benefits", "public benefits", "benefits help"),
        "es": ("trabajador social", "trabajadora social", "manejo de casos", "administrador de casos", "gestor de casos", "gestora de casos", "defensor", "defensora", "beneficios", "beneficios públicos"),
        "zh": ("个案经理", "個案經理", "个案管理", "個案管理", "社工", "福利", "申请福利", "申請福利"),
        "ru": ("социальный работник", "соцработник", "соцработника", "куратор", "кейс-менеджер", "социальная помощь", "пособие", "пособия", "льготы"),
        "bn": ("কেস ম্যানেজার", "কেস ওয়ার্কার", "সমাজকর্মী", "সোশ্যাল ওয়ার্কার", "সরকারি সুবিধা", "সরকারি ভাতা", "ভাতা"),
        "ht": ("jesyonè ka", "jesyone ka", "manadjè ka", "travayè sosyal", "travaye sosyal", "asistan sosyal", "benefis", "èd gouvènman", "ed gouvenman"),
        "ko": ("사례 관리", "사례관리", "사례 관리자", "케이스 매니저", "사회복지사", "복지", "복지 혜택", "정부 지원"),
        "ar": ("مدير حالة", "إدارة الحالة", "ادارة الحالة", "أخصائي اجتماعي", "اخصائي اجتماعي", "أخصائية اجتماعية", "باحث اجتماعي", "مساعدات حكومية", "إعانات", "اعانات"),
        "ur": ("کیس منیجر", "کیس مینیجر", "سوشل ورکر", "سماجی کارکن", "سرکاری امداد", "سرکاری فوائد"),
        "fr": ("travailleur social", "travailleuse sociale", "assistante sociale", "assistant social", "gestionnaire de cas", "intervenant", "intervenante", "accompagnement social", "prestations sociales", "aides sociales"),
        "pl": ("pracownik socjalny", "pracownica socjalna", "pracownika socjalnego", "asystent socjalny", "pomoc społeczna", "pomoc spoleczna", "świadczenia", "swiadczenia", "zasiłek", "zasilek"),
    },
    "hotline": {
        "en": ("hotline", "hot line", "helpline", "help line", "crisis line", "crisis hotline", "24-hour line", "24 hour line", "number to call"),
        "es": ("línea directa", "linea directa", "línea de ayuda", "linea de ayuda", "línea de crisis", "linea de crisis", "teléfono de ayuda", "telefono de ayuda", "número de emergencia", "numero de emergencia"),
        "zh": ("热线", "熱線", "求助热线", "求助熱線", "危机热线", "危機熱線", "求助电话", "求助電話", "紧急电话", "緊急電話"),
        "ru": ("горячая линия", "горячую линию", "телефон доверия", "кризисная линия", "круглосуточная линия", "телефон помощи"),
        "bn": ("হটলাইন", "হেল্পলাইন", "হেল্প লাইন", "জরুরি নম্বর", "জরুরি ফোন নম্বর"),
        "ht": ("liy dirèk", "liy direk", "liy ijans", "liy èd", "liy ed", "liy kriz", "nimewo ijans", "hotline"),
        "ko": ("핫라인", "헬프라인", "상담 전화", "상담전화", "긴급 전화", "위기 상담 전화", "24시간 전화"),
        "ar": ("خط ساخن", "الخط الساخن", "خط المساعدة", "خط مساعدة", "خط الأزمات", "رقم الطوارئ", "هاتف المساعدة"),
        "ur": ("ہیلپ لائن", "ہیلپلائن", "ہاٹ لائن", "ہنگامی نمبر", "ایمرجنسی نمبر"),
        "fr": ("ligne d'écoute", "ligne d'ecoute", "ligne d'urgence", "ligne d'assistance", "ligne de crise", "numéro d'urgence", "numero d'urgence", "numéro vert", "numero vert", "hotline"),
        "pl": ("infolinia", "infolinii", "telefon zaufania", "linia pomocy", "telefon interwencyjny", "telefon alarmowy", "numer alarmowy", "całodobowy telefon"),
    },
    "transportation": {
        "en": ("transportation", "transport", "ride", "bus", "subway", "train", "metrocard", "metro card", "omny", "bus ticket", "taxi", "travel"),
        "es": ("transporte", "pasaje", "pasajes", "boleto", "metrocard", "metro", "autobús", "autobus", "tren", "taxi", "viaje", "aventón", "aventon", "raite"),
        "zh": ("交通", "车费", "車費", "车票", "車票", "地铁", "地鐵", "地铁卡", "地鐵卡", "公交", "公车", "公車", "巴士", "接送"),
        "ru": ("транспорт", "проезд", "проездной", "метрокарта", "метро", "автобус", "билет", "такси", "подвезти", "поездка"),
        # Not bare বাস: it is also a substring of বাসা (home).
        "bn": ("যাতায়াত", "পরিবহন", "মেট্রোকার্ড", "বাসের টিকিট", "বাসের ভাড়া", "সাবওয়ে", "ট্রেন", "গাড়ি ভাড়া", "যাতায়াত খরচ"),
        # "woulib" is a (free) ride.
        "ht": ("transpò", "transpo", "woulib", "bis", "otobis", "tren", "metwo", "metrocard", "tikè", "tike", "taksi", "vwayaj"),
        "ko": ("교통", "교통비", "대중교통", "메트로카드", "지하철", "버스", "택시", "차편"),
        "ar": ("مواصلات", "المواصلات", "نقل", "توصيل", "أجرة", "اجرة", "مترو", "باص", "حافلة", "تاكسي", "سفر"),
        # Not bare بس: in Urdu it usually means "just/enough".
        "ur": ("ٹرانسپورٹ", "سواری", "بس کا ٹکٹ", "بس کا کرایہ", "میٹرو", "میٹرو کارڈ", "ٹرین", "ٹیکسی", "سفر"),
        "fr": ("transport", "transports", "trajet", "bus", "métro", "metro", "metrocard", "carte de métro", "billet", "taxi", "voyage"),
        "pl": ("transport", "dojazd", "przejazd", "autobus", "metro", "metrocard", "bilet", "taksówka", "taksowka", "podróż", "podroz", "podwózka"),
    },
    "employment": {
        "en": ("job", "jobs", "work", "employment", "job training", "job search", "career", "resume", "hiring"),
        "es": ("trabajo", "trabajos", "empleo", "empleos", "chamba", "buscar trabajo", "capacitación laboral", "capacitacion laboral", "currículum", "curriculum"),
        "zh": ("工作", "找工作", "打工", "就业", "就業", "职业培训", "職業培訓", "招聘", "简历", "簡歷"),
        "ru": ("работа", "работу", "работы", "трудоустройство", "вакансия", "вакансии", "найти работу", "профессиональное обучение", "карьера", "резюме"),
        "bn": ("চাকরি", "চাকুরি", "কাজ", "কর্মসংস্থান", "কাজের প্রশিক্ষণ", "চাকরির প্রশিক্ষণ", "কাজ খোঁজা", "চাকরি খোঁজা", "ক্যারিয়ার"),
        "ht": ("travay", "djòb", "djob", "anplwa", "fòmasyon travay", "fomasyon travay", "chèche travay", "cheche travay", "karyè", "karye"),
        "ko": ("일자리", "직업", "취업", "구직", "직업 훈련", "직업훈련", "채용", "이력서", "알바", "아르바이트"),
        "ar": ("عمل", "وظيفة", "وظائف", "شغل", "توظيف", "تدريب مهني", "البحث عن عمل", "فرصة عمل", "سيرة ذاتية"),
        "ur": ("نوکری", "ملازمت", "روزگار", "کام", "جاب", "نوکری کی تلاش", "کام کی تلاش", "ملازمت کی تربیت", "کیریئر"),
        "fr": ("emploi", "emplois", "travail", "boulot", "job", "formation professionnelle", "recherche d'emploi", "chercher du travail", "carrière", "carriere", "cv"),
        "pl": ("praca", "pracy", "pracę", "zatrudnienie", "szukam pracy", "oferty pracy", "szkolenie zawodowe", "kursy zawodowe", "kariera", "cv"),
    },
    "basic_needs": {
        "en": ("food", "food pantry", "meals", "groceries", "clothes", "clothing", "shower", "laundry", "toiletries", "diapers", "cash assistance", "food stamps", "snap"),
        "es": ("comida", "alimentos", "despensa", "banco de comida", "ropa", "ducha", "bañarme", "lavandería", "lavanderia", "artículos de higiene", "pañales", "asistencia en efectivo", "cupones de comida", "estampillas de comida"),
        "zh": ("食物", "食品", "食品银行", "食品銀行", "食品券", "衣服", "衣物", "洗澡", "淋浴", "洗衣", "卫生用品", "衛生用品", "尿布", "现金援助", "現金援助"),
        "ru": ("еда", "еду", "продукты", "питание", "одежда", "одежду", "душ", "прачечная", "стирка", "средства гигиены", "подгузники", "денежная помощь", "талоны на еду"),
        "bn": ("খাবার", "খাদ্য", "কাপড়", "জামাকাপড়", "পোশাক", "গোসল", "স্নান", "লন্ড্রি", "কাপড় ধোয়া", "নগদ সহায়তা", "ফুড স্ট্যাম্প"),
        "ht": ("manje", "rad", "douch", "benyen", "lave rad", "lesiv", "kouchèt", "kouchet", "koupon manje", "grangou"),
        "ko": ("음식", "식품", "식사", "푸드뱅크", "푸드 팬트리", "옷", "의류", "샤워", "세탁", "빨래", "세면도구", "위생용품", "기저귀", "현금 지원"),
        "ar": ("طعام", "أكل", "اكل", "غذاء", "وجبات", "بنك الطعام", "ملابس", "استحمام", "غسيل ملابس", "مستلزمات النظافة", "حفاضات", "مساعدة نقدية"),
        "ur": ("کھانا", "خوراک", "راشن", "کپڑے", "نہانا", "شاور", "کپڑے دھونا", "لانڈری", "ڈائپر", "نقد امداد"),
        "fr": ("nourriture", "repas", "banque alimentaire", "colis alimentaire", "vêtements", "vetements", "habits", "douche", "laverie", "produits d'hygiène", "produits d'hygiene", "couches", "aide financière"),
        "pl": ("jedzenie", "żywność", "zywnosc", "posiłek", "posiłki", "bank żywności", "ubrania", "odzież", "prysznic", "pralnia", "pranie", "środki higieniczne", "pieluchy", "pomoc finansowa"),
    },
    "substance_use": {
        "en": ("drugs", "drug use", "alcohol", "drinking", "addiction", "addicted", "substance use", "detox", "rehab", "overdose", "methadone", "narcan"),
        "es": ("drogas", "alcohol", "alcoholismo", "adicción", "adiccion", "adicto", "adicta", "desintoxicación", "desintoxicacion", "rehabilitación", "rehabilitacion", "sobredosis", "metadona"),
        "zh": ("毒品", "吸毒", "戒毒", "酗酒", "戒酒", "酒精", "成瘾", "成癮", "上瘾", "上癮", "药物滥用", "藥物濫用", "美沙酮"),
        "ru": ("наркотики", "наркотиков", "наркомания", "алкоголь", "алкоголизм", "зависимость", "детокс", "реабилитация", "нарколог", "передозировка", "метадон"),
        "bn": ("মাদক", "মাদকাসক্তি", "নেশা", "মদ", "অ্যালকোহল", "আসক্তি", "ডিটক্স", "রিহ্যাব"),
        "ht": ("dwòg", "dwog", "alkòl", "alkol", "tafya", "dependans", "detoks", "reyabilitasyon"),
        "ko": ("마약", "알코올", "술", "중독", "알코올 중독", "마약 중독", "약물 중독", "해독", "재활", "과다복용"),
        "ar": ("مخدرات", "المخدرات", "كحول", "الكحول", "إدمان", "ادمان", "مدمن", "علاج الإدمان", "إزالة السموم", "إعادة تأهيل"),
        "ur": ("منشیات", "نشہ", "نشے", "شراب", "الکحل", "نشے کی لت", "نشے کا علاج", "ڈیٹاکس", "بحالی مرکز"),
        "fr": ("drogue", "drogues", "alcool", "addiction", "dépendance", "dependance", "toxicomanie", "désintoxication", "desintoxication", "désintox", "desintox", "sevrage", "méthadone", "overdose"),
        "pl": ("narkotyki", "narkotyków", "alkohol", "uzależnienie", "uzaleznienie", "uzależniony", "uzależniona", "odwyk", "detoks", "metadon"),
    },
    "education": {
        "en": ("school", "education", "classes", "english class", "english classes", "esl", "learn english", "ged", "hse", "literacy", "tutoring"),
        "es": ("escuela", "educación", "educacion", "clases de inglés", "clases de ingles", "aprender inglés", "aprender ingles", "ged", "alfabetización", "alfabetizacion", "estudiar"),
        "zh": ("学校", "學校", "教育", "英语课", "英語課", "英文班", "学英语", "學英語", "上学", "上學", "识字", "識字"),
        "ru": ("школа", "школу", "образование", "курсы английского", "английский язык", "учить английский", "учёба", "учеба", "грамотность", "ged"),
        "bn": ("স্কুল", "বিদ্যালয়", "শিক্ষা", "ইংরেজি ক্লাস", "ইংলিশ ক্লাস", "ইংরেজি শেখা", "পড়াশোনা", "লেখাপড়া", "সাক্ষরতা", "জিইডি"),
        "ht": ("lekòl", "lekol", "edikasyon", "klas angle", "kou angle", "aprann angle", "alfabetizasyon", "aprann li ak ekri", "ged"),
        "ko": ("학교", "교육", "영어 수업", "영어 교실", "영어 공부", "영어 배우기", "검정고시", "문해 교육", "ged"),
        "ar": ("مدرسة", "تعليم", "التعليم", "دراسة", "دروس إنجليزي", "دروس اللغة الإنجليزية", "تعلم الإنجليزية", "محو الأمية", "محو الامية", "ged"),
        "ur": ("اسکول", "سکول", "تعلیم", "پڑھائی", "انگریزی کلاس", "انگلش کلاس", "انگریزی سیکھنا", "خواندگی", "پڑھنا لکھنا", "جی ای ڈی"),
        "fr": ("école", "ecole", "éducation", "education", "cours d'anglais", "apprendre l'anglais", "alphabétisation", "alphabetisation", "études", "etudes", "ged"),
        "pl": ("szkoła", "szkola", "szkoły", "edukacja", "nauka", "kurs angielskiego", "lekcje angielskiego", "nauka angielskiego", "nauka czytania", "ged"),
    },
}

POPULATION_TERMS: dict[str, dict[str, tuple[str, ...]]] = {
}

# Conditions a listing must meet, not taxonomy codes.
FLAG_TERMS: dict[str, dict[str, tuple[str, ...]]] = {
}

# language -> filler words dropped from queries before matching.
STOPWORDS: dict[str, tuple[str, ...]] = {
}

# fmt: on
