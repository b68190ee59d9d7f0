"""The starting events' texts in the site's other languages (issue 14, item 7): the two
sessions of 19 July 2013, the Pale Blue Dot, the two samples and Cassini's announcement, as
`translations` for seed.py to give them.

Written as a page in each language would say it, not word for word; every time (in UTC, as
in the original), number and name is the original's. Spacecraft, missions and sources keep
their names (Cassini, MESSENGER, Voyager 1, JPL Horizons, the titles of NASA's pages); the
planets have their own. Whoever changes a text in seed.py changes it here in every language:
tests/i18n/test_seed_texts.py checks that each still has the original's numbers and names.
"""

EVENT_TRANSLATIONS: dict[str, dict[str, dict[str, str]]] = {
    "wave-at-saturn-2013": {
        "es": {
            "title": "Saluda a Saturno",
            "summary": (
                "Cassini fotografía la Tierra desde detrás de Saturno, a 1440 millones de km, y "
                "por primera vez los habitantes de la Tierra lo saben de antemano."
            ),
            "description": (
                "Desde dentro de la sombra de Saturno, con el Sol oculto tras el planeta, Cassini "
                "toma un mosaico de todo el sistema de Saturno a contraluz, y la Tierra sale en la "
                "imagen: uno o dos píxeles, con algo menos de la mitad iluminada, vista desde casi "
                "diez veces más lejos que el Sol.\n\n"
                "La cámara registra la Tierra entre las 22:47:13 y las 23:01:56 UTC, hora de la "
                "nave. La luz que capta salió de la Tierra unos 80 minutos antes, así que en la "
                "Tierra se saluda de las 21:27 a las 21:42 UTC. América del Norte está en el lado "
                "de día; allí Saturno está en el cielo diurno, hacia el sudeste, y solo se ve a "
                "simple vista después de la puesta de sol.\n\n"
                "Sal a la calle, mira hacia Saturno y saluda con la mano. Más de 20.000 personas "
                "lo hicieron y mandaron fotos suyas saludando."
            ),
        },
        "fr": {
            "title": "Saluez Saturne",
            "summary": (
                "Cassini photographie la Terre depuis l'autre côté de Saturne, à 1,44 milliard de "
                "km, et pour la première fois les habitants de la Terre le savent à l'avance."
            ),
            "description": (
                "Depuis l'ombre de Saturne, le Soleil caché derrière la planète, Cassini réalise "
                "une mosaïque de tout le système de Saturne à contre-jour, et la Terre est dans le "
                "cadre : un ou deux pixels, éclairée à un peu moins de la moitié, vue de près de "
                "dix fois plus loin que le Soleil.\n\n"
                "La caméra saisit la Terre entre 22:47:13 et 23:01:56 UTC, heure de la sonde. La "
                "lumière qu'elle capte a quitté la Terre environ 80 minutes plus tôt : sur Terre, "
                "on salue donc de 21:27 à 21:42 UTC. L'Amérique du Nord est du côté jour ; Saturne "
                "s'y trouve dans le ciel de jour, au sud-est, et ne se voit à l'œil nu qu'après le "
                "coucher du soleil.\n\n"
                "Sortez, tournez-vous vers Saturne et faites signe. Plus de 20\u00a0000 personnes "
                "l'ont fait, et ont envoyé des photos d'elles en train de saluer."
            ),
        },
        "de": {
            "title": "Wink dem Saturn zu",
            "summary": (
                "Cassini fotografiert die Erde von hinter dem Saturn, aus 1,44 Milliarden km "
                "Entfernung – und zum ersten Mal wissen die Menschen auf der Erde vorher Bescheid."
            ),
            "description": (
                "Aus dem Schatten des Saturn, die Sonne hinter dem Planeten, nimmt Cassini ein "
                "Mosaik des ganzen Saturnsystems im Gegenlicht auf – und die Erde ist mit im Bild: "
                "ein oder zwei Pixel, knapp zur Hälfte beleuchtet, gesehen aus fast zehnmal so "
                "großer Entfernung wie die Sonne.\n\n"
                "Die Kamera erfasst die Erde zwischen 22:47:13 und 23:01:56 UTC, Bordzeit der "
                "Sonde. Das Licht, das sie einfängt, hat die Erde etwa 80 Minuten früher "
                "verlassen; deshalb wird auf der Erde von 21:27 bis 21:42 UTC gewinkt. Nordamerika "
                "liegt auf der Tagseite; der Saturn steht dort am Taghimmel im Südosten und ist "
                "mit bloßem Auge erst nach Sonnenuntergang zu sehen.\n\n"
                "Geh nach draußen, schau in Richtung Saturn und wink. Mehr als 20.000 Menschen "
                "haben es getan und Fotos von sich beim Winken geschickt."
            ),
        },
        "pt-br": {
            "title": "Acene para Saturno",
            "summary": (
                "A Cassini fotografa a Terra de trás de Saturno, a 1,44 bilhão de km, e pela "
                "primeira vez as pessoas na Terra sabem disso com antecedência."
            ),
            "description": (
                "De dentro da sombra de Saturno, com o Sol atrás do planeta, a Cassini faz um "
                "mosaico de todo o sistema de Saturno contra a luz, e a Terra aparece no quadro: "
                "um ou dois pixels, com pouco menos da metade iluminada, vista de quase dez vezes "
                "mais longe que o Sol.\n\n"
                "A câmera registra a Terra entre 22:47:13 e 23:01:56 UTC, no horário da sonda. A "
                "luz que ela capta saiu da Terra cerca de 80 minutos antes, então na Terra o aceno "
                "vai das 21:27 às 21:42 UTC. A América do Norte está no lado do dia; lá, Saturno "
                "fica no céu diurno, a sudeste, e só pode ser visto a olho nu depois do pôr do "
                "sol.\n\n"
                "Saia de casa, olhe na direção de Saturno e acene. Mais de 20.000 pessoas fizeram "
                "isso e mandaram fotos acenando."
            ),
        },
        "ja": {
            "title": "土星に手を振ろう",
            "summary": (
                "Cassiniが土星の向こう側、14億4000万km離れた場所から地球を撮影します。"
                "撮影されることを地球の人々が前もって知るのは、これが初めてです。"
            ),
            "description": (
                "土星の影に入り、太陽を土星の向こうに隠して、"
                "Cassiniは逆光に照らされた土星系全体をモザイク画像に収めます。"
                "その中に地球も写っています。わずか1〜2ピクセル、半分弱が照らされた姿で、"
                "太陽までの距離の10倍近く離れた場所から見た地球です。\n\n"
                "カメラが地球をとらえるのは、探査機の時刻で22:47:13から23:01:56 UTCまで。"
                "とらえる光は約80分前に地球を出たものなので、地球で手を振るのは21:27から21:42 UTCで"
                "す。北米は昼の側にあり、土星は南東の昼空にあります。"
                "肉眼で見えるのは日没後です。\n\n"
                "外に出て、土星の方を向いて手を振りましょう。2万人以上がそうして、"
                "手を振る自分の写真を送りました。"
            ),
        },
        "zh-hans": {
            "title": "向土星挥手",
            "summary": (
                "Cassini 从土星背后拍摄地球，相距 14.4 亿公里；"
                "这是地球上的人们第一次提前知道自己要被拍下。"
            ),
            "description": (
                "Cassini 身处土星的阴影之中，太阳被土星挡在身后，它以逆光拍下整个土星系统的拼接图，"
                "地球也在画面里：只有一两个像素，亮面不到一半，"
                "而拍摄它的地方离我们几乎是太阳的十倍远。\n\n"
                "相机在 22:47:13 至 23:01:56 UTC（探测器时间）拍下地球。"
                "它捕捉到的光约在 80 分钟前离开地球，因此地球上的挥手时间是 21:27 至 21:42 UTC。"
                "北美洲位于白昼一侧；在那里，土星挂在东南方的白天天空中，日落后才能用肉眼看到。\n\n"
                "走到户外，望向土星，挥挥手。当时有超过 2 万人这样做了，还发来了自己挥手的照片。"
            ),
        },
        "hi": {
            "title": "शनि की ओर हाथ हिलाइए",
            "summary": (
                "Cassini शनि के पीछे से, 1.44 अरब किलोमीटर दूर से, पृथ्वी की तस्वीर लेता है — और "
                "पहली बार पृथ्वी के लोगों को यह पहले से पता है।"
            ),
            "description": (
                "शनि की छाया के भीतर से, जब सूर्य ग्रह के पीछे छिपा है, Cassini पीछे से रोशन पूरे "
                "शनि तंत्र का एक मोज़ेक चित्र लेता है, और उसमें पृथ्वी भी है: बस एक-दो पिक्सेल, "
                "आधे से थोड़ी कम रोशन, और हमसे सूर्य की तुलना में लगभग दस गुना दूर से देखी गई।\n\n"
                "यान के समय के अनुसार कैमरा 22:47:13 से 23:01:56 UTC के बीच पृथ्वी को दर्ज करता "
                "है। जो रोशनी वह पकड़ता है, वह लगभग 80 मिनट पहले पृथ्वी से चली थी, इसलिए पृथ्वी पर "
                "हाथ हिलाने का समय 21:27 से 21:42 UTC तक है। उत्तरी अमेरिका दिन वाली तरफ़ है; वहाँ "
                "शनि दिन के आसमान में दक्षिण-पूर्व की ओर होता है और सूर्यास्त के बाद ही आँखों से "
                "दिखता है।\n\n"
                "बाहर निकलिए, शनि की ओर देखिए और हाथ हिलाइए। 20,000 से ज़्यादा लोगों ने ऐसा किया "
                "और हाथ हिलाते हुए अपनी तस्वीरें भेजीं।"
            ),
        },
        "ar": {
            "title": "لوّحوا لزحل",
            "summary": (
                "يصوّر المسبار Cassini الأرض من خلف زحل، على بعد 1.44 مليار كم، ولأول مرة يعرف "
                "سكان الأرض بذلك مسبقًا."
            ),
            "description": (
                "من داخل ظل زحل، والشمس خلف الكوكب، يلتقط Cassini صورة فسيفسائية لمنظومة زحل كلها "
                "في إضاءة خلفية، والأرض داخل الإطار: بكسل أو اثنان، أقل قليلًا من نصفها مضاء، تُرى "
                "من مسافة تقارب عشرة أضعاف بعد الشمس عنا.\n\n"
                "تسجّل الكاميرا الأرض بين 22:47:13 و23:01:56 UTC بتوقيت المسبار. الضوء الذي تلتقطه "
                "غادر الأرض قبل نحو 80 دقيقة، لذلك يكون التلويح على الأرض من 21:27 إلى 21:42 UTC. "
                "أمريكا الشمالية في الجانب المضاء نهارًا؛ وزحل هناك في سماء النهار جهة الجنوب "
                "الشرقي، ولا يُرى بالعين المجردة إلا بعد غروب الشمس.\n\n"
                "اخرجوا، وانظروا نحو زحل ولوّحوا. فعل ذلك أكثر من 20,000 شخص، وأرسلوا صورهم وهم "
                "يلوّحون."
            ),
        },
    },
    "messenger-earth-moon-2013": {
        "es": {
            "title": "MESSENGER mira atrás, hacia la Tierra y la Luna",
            "summary": (
                "Desde su órbita alrededor de Mercurio, a 98 millones de km, MESSENGER capta la "
                "Tierra y la Luna en tres imágenes mientras busca lunas de Mercurio."
            ),
            "description": (
                "MESSENGER, en órbita alrededor de Mercurio, busca satélites naturales de Mercurio "
                "y, el mismo día que Cassini, apunta su cámara gran angular (MDIS) hacia la "
                "Tierra. Toma tres imágenes, a las 11:49, 12:38 y 13:41 UTC, y las repite al día "
                "siguiente, cuando también fotografía la Luna.\n\n"
                "Desde unos 98 millones de km (61 millones de millas), la Tierra y la Luna "
                "aparecen como dos puntos sobreexpuestos. Casi la mitad de la Tierra mira a la "
                "cámara: América, África y Europa."
            ),
        },
        "fr": {
            "title": "MESSENGER se retourne vers la Terre et la Lune",
            "summary": (
                "Depuis son orbite autour de Mercure, à 98 millions de km, MESSENGER saisit la "
                "Terre et la Lune en trois images, tout en cherchant des lunes à Mercure."
            ),
            "description": (
                "En orbite autour de Mercure, MESSENGER cherche des satellites naturels de Mercure "
                "et, le même jour que Cassini, tourne sa caméra grand angle (MDIS) vers la Terre. "
                "La sonde prend trois images, à 11:49, 12:38 et 13:41 UTC, et les refait le "
                "lendemain, en photographiant aussi la Lune.\n\n"
                "À environ 98 millions de km (61 millions de miles), la Terre et la Lune "
                "apparaissent comme deux points surexposés. Près de la moitié de la Terre fait "
                "face à la caméra : les Amériques, l'Afrique et l'Europe."
            ),
        },
        "de": {
            "title": "MESSENGER blickt zurück auf Erde und Mond",
            "summary": (
                "Aus der Umlaufbahn um den Merkur, 98 Millionen km entfernt, nimmt MESSENGER Erde "
                "und Mond in drei Bildern auf, während die Sonde nach Monden des Merkur sucht."
            ),
            "description": (
                "MESSENGER umkreist den Merkur und sucht nach natürlichen Satelliten des Planeten. "
                "Am selben Tag wie Cassini richtet die Sonde ihre Weitwinkelkamera (MDIS) auf die "
                "Erde. Sie macht drei Aufnahmen, um 11:49, 12:38 und 13:41 UTC, und wiederholt sie "
                "am nächsten Tag, dann auch mit dem Mond.\n\n"
                "Aus rund 98 Millionen km (61 Millionen Meilen) erscheinen Erde und Mond als zwei "
                "überbelichtete Punkte. Fast die halbe Erde ist der Kamera zugewandt: Amerika, "
                "Afrika und Europa."
            ),
        },
        "pt-br": {
            "title": "MESSENGER olha de volta para a Terra e a Lua",
            "summary": (
                "Da órbita de Mercúrio, a 98 milhões de km, a MESSENGER registra a Terra e a Lua "
                "em três imagens enquanto procura luas de Mercúrio."
            ),
            "description": (
                "A MESSENGER, em órbita de Mercúrio, procura satélites naturais de Mercúrio e, no "
                "mesmo dia que a Cassini, aponta sua câmera grande-angular (MDIS) para a Terra. "
                "Ela faz três imagens, às 11:49, 12:38 e 13:41 UTC, e as repete no dia seguinte, "
                "quando a Lua também é fotografada.\n\n"
                "De cerca de 98 milhões de km (61 milhões de milhas), a Terra e a Lua aparecem "
                "como dois pontos superexpostos. Quase metade da Terra está voltada para a câmera: "
                "as Américas, a África e a Europa."
            ),
        },
        "ja": {
            "title": "MESSENGERが地球と月を振り返る",
            "summary": (
                "水星を回る軌道から、9800万km離れた地球と月を、MESSENGERが3枚の画像にとらえます。"
                "水星の衛星を探す観測の合間の撮影です。"
            ),
            "description": (
                "水星を周回するMESSENGERは、水星の自然衛星を探しながら、"
                "Cassiniと同じ日に広角カメラ（MDIS）を地球に向けます。11:49、12:38、"
                "13:41 UTCに3枚を撮影し、翌日も撮影を繰り返します。翌日には月も写ります。\n\n"
                "約9800万km（6100万マイル）の距離から見ると、地球と月は露出オーバーの2つの点です。"
                "カメラの方を向いているのは地球のほぼ半分、南北アメリカ、アフリカ、ヨーロッパです。"
            ),
        },
        "zh-hans": {
            "title": "MESSENGER 回望地球和月球",
            "summary": (
                "MESSENGER 在环绕水星的轨道上搜寻水星的卫星，"
                "其间从 9800 万公里外用三幅图像拍下了地球和月球。"
            ),
            "description": (
                "MESSENGER 在环绕水星的轨道上搜寻水星的天然卫星，"
                "并在与 Cassini 同一天把广角相机（MDIS）转向地球。它在 11:49、"
                "12:38 和 13:41 UTC 拍了三幅图像，第二天又重复了一次，这次连月球也拍了进去。\n\n"
                "从约 9800 万公里（6100 万英里）外看去，地球和月球是两个过曝的亮点。"
                "地球将近一半朝着相机：美洲、非洲和欧洲。"
            ),
        },
        "hi": {
            "title": "MESSENGER पलटकर पृथ्वी और चंद्रमा को देखता है",
            "summary": (
                "बुध के चारों ओर की कक्षा से, 9.8 करोड़ किलोमीटर दूर से, MESSENGER बुध के चंद्रमा "
                "खोजते हुए पृथ्वी और चंद्रमा को तीन तस्वीरों में क़ैद करता है।"
            ),
            "description": (
                "बुध की परिक्रमा कर रहा MESSENGER बुध के प्राकृतिक उपग्रहों की खोज करता है और "
                "Cassini वाले दिन ही अपना वाइड-एंगल कैमरा (MDIS) पृथ्वी की ओर घुमाता है। वह 11:49, "
                "12:38 और 13:41 UTC पर तीन तस्वीरें लेता है और अगले दिन उन्हें दोहराता है, जब "
                "चंद्रमा की तस्वीर भी ली जाती है।\n\n"
                "लगभग 9.8 करोड़ किलोमीटर (6.1 करोड़ मील) की दूरी से पृथ्वी और चंद्रमा दो ज़रूरत से "
                "ज़्यादा चमकते बिंदुओं जैसे दिखते हैं। पृथ्वी का लगभग आधा हिस्सा कैमरे की ओर है: "
                "उत्तर और दक्षिण अमेरिका, अफ़्रीका और यूरोप।"
            ),
        },
        "ar": {
            "title": "MESSENGER يلتفت إلى الأرض والقمر",
            "summary": (
                "من مداره حول عطارد، وعلى بعد 98 مليون كم، يلتقط المسبار MESSENGER الأرض والقمر في "
                "ثلاث صور أثناء بحثه عن أقمار لعطارد."
            ),
            "description": (
                "يبحث المسبار MESSENGER، وهو في مداره حول عطارد، عن أقمار طبيعية لعطارد، ويوجّه "
                "كاميرته ذات الزاوية الواسعة (MDIS) نحو الأرض في اليوم نفسه الذي يصوّر فيه "
                "Cassini. يلتقط ثلاث صور، في 11:49 و12:38 و13:41 UTC، ثم يكررها في اليوم التالي، "
                "حين يصوّر القمر أيضًا.\n\n"
                "من مسافة تقارب 98 مليون كم (61 مليون ميل)، تبدو الأرض والقمر نقطتين مفرطتي "
                "التعريض. ويواجه الكاميرا قرابة نصف الأرض: الأمريكتان وأفريقيا وأوروبا."
            ),
        },
    },
    "pale-blue-dot-1990": {
        "es": {
            "title": "El Punto Azul Pálido de Voyager 1",
            "summary": (
                "El 14 de febrero de 1990, Voyager 1 vuelve su cámara hacia atrás y toma el "
                "Retrato de familia del sistema solar: la Tierra es un punto azul pálido, a unos "
                "6000 millones de km."
            ),
            "description": (
                "Voyager 1, mucho más allá de los planetas y muy por encima de su plano, vuelve "
                "sus cámaras hacia el Sol el 14 de febrero de 1990 y toma el Retrato de familia "
                "del sistema solar. En una de las imágenes, la Tierra es un puntito de luz, más "
                "pequeño que un píxel, dentro de una franja de luz solar dispersa: el Punto Azul "
                "Pálido, como lo llamó Carl Sagan, que había pedido la foto. Entonces no se invitó "
                "a nadie a saludar; esta página muestra dónde estaba la cámara y qué cara de la "
                "Tierra vio.\n\n"
                "Cifras aproximadas: la distancia es la cifra redonda de la NASA, 6000 millones de "
                "km (3700 millones de millas); la dirección de Voyager 1 en el cielo (AR 17 h 18 "
                "min, Dec +11,6°, en Ofiuco) es correcta con un margen de uno o dos grados; las "
                "horas de la cámara que aparecen abajo ilustran la mañana del 14 de febrero de "
                "1990 (UTC) y no son las horas exactas de las imágenes de la Tierra. Fuentes: NASA "
                "Photojournal, «Solar System Portrait - Earth as 'Pale Blue Dot'»; NASA JPL, «Pale "
                "Blue Dot Revisited» (2020)."
            ),
        },
        "fr": {
            "title": "Le Point bleu pâle de Voyager 1",
            "summary": (
                "Le 14 février 1990, Voyager 1 tourne sa caméra vers l'arrière et prend le "
                "Portrait de famille du Système solaire : la Terre y est un point bleu pâle, à "
                "environ 6 milliards de km."
            ),
            "description": (
                "Voyager 1, bien au-delà des planètes et loin au-dessus de leur plan, tourne ses "
                "caméras vers le Soleil le 14 février 1990 et prend le Portrait de famille du "
                "Système solaire. Sur l'une des images, la Terre est un minuscule point de "
                "lumière, plus petit qu'un pixel, dans une bande de lumière solaire diffusée : le "
                "Point bleu pâle, comme l'a appelé Carl Sagan, qui avait demandé cette photo. "
                "Personne n'avait été invité à saluer ce jour-là ; cette page montre où se "
                "trouvait la caméra et quelle face de la Terre elle voyait.\n\n"
                "Chiffres approximatifs : la distance est le chiffre rond de la NASA, 6 milliards "
                "de km (3,7 milliards de miles) ; la direction de Voyager 1 dans le ciel (AD 17 h "
                "18 min, Déc +11,6°, dans la constellation d'Ophiuchus) est juste à un ou deux "
                "degrés près ; les heures de prise de vue ci-dessous illustrent la matinée du 14 "
                "février 1990 (UTC) et ne sont pas les heures exactes des images de la Terre. "
                "Sources : NASA Photojournal, « Solar System Portrait - Earth as 'Pale Blue Dot' » "
                "; NASA JPL, « Pale Blue Dot Revisited » (2020)."
            ),
        },
        "de": {
            "title": "Der blassblaue Punkt von Voyager 1",
            "summary": (
                "Am 14. Februar 1990 richtet Voyager 1 ihre Kamera zurück und nimmt das "
                "Familienporträt des Sonnensystems auf: Die Erde ist ein blassblauer Punkt, rund 6 "
                "Milliarden km entfernt."
            ),
            "description": (
                "Voyager 1, weit jenseits der Planeten und hoch über ihrer Bahnebene, richtet am "
                "14. Februar 1990 ihre Kameras zurück zur Sonne und nimmt das Familienporträt des "
                "Sonnensystems auf. Auf einem der Bilder ist die Erde ein winziger Lichtpunkt, "
                "kleiner als ein Pixel, in einem Streifen gestreuten Sonnenlichts: der „Pale Blue "
                "Dot“, der blassblaue Punkt, wie ihn Carl Sagan nannte, der um das Bild gebeten "
                "hatte. Zum Winken war damals niemand eingeladen; diese Seite zeigt, wo die Kamera "
                "war und welche Seite der Erde sie sah.\n\n"
                "Ungefähre Angaben: Die Entfernung ist die runde Zahl der NASA, 6 Milliarden km "
                "(3,7 Milliarden Meilen); die Richtung von Voyager 1 am Himmel (Rektaszension 17 h "
                "18 min, Deklination +11,6°, im Schlangenträger) stimmt auf ein bis zwei Grad; die "
                "Aufnahmezeiten unten veranschaulichen den Morgen des 14. Februar 1990 (UTC) und "
                "sind nicht die genauen Zeiten der Erdbilder. Quellen: NASA Photojournal, „Solar "
                "System Portrait - Earth as 'Pale Blue Dot'“; NASA JPL, „Pale Blue Dot Revisited“ "
                "(2020)."
            ),
        },
        "pt-br": {
            "title": "O Pálido Ponto Azul da Voyager 1",
            "summary": (
                "Em 14 de fevereiro de 1990, a Voyager 1 volta sua câmera para trás e faz o "
                "Retrato de Família do Sistema Solar: a Terra é um pálido ponto azul, a cerca de 6 "
                "bilhões de km."
            ),
            "description": (
                "A Voyager 1, muito além dos planetas e bem acima do plano deles, volta suas "
                "câmeras para o Sol em 14 de fevereiro de 1990 e faz o Retrato de Família do "
                "Sistema Solar. Em uma das imagens, a Terra é um pontinho de luz, menor que um "
                "pixel, numa faixa de luz do Sol espalhada: o Pálido Ponto Azul, como a chamou "
                "Carl Sagan, que pediu a foto. Ninguém foi convidado a acenar daquela vez; esta "
                "página mostra onde a câmera estava e qual lado da Terra ela viu.\n\n"
                "Valores aproximados: a distância é o número redondo da NASA, 6 bilhões de km (3,7 "
                "bilhões de milhas); a direção da Voyager 1 no céu (AR 17h 18m, Dec +11,6°, em "
                "Ofiúco) vale com margem de um ou dois graus; os horários da câmera abaixo "
                "ilustram a manhã de 14 de fevereiro de 1990 (UTC) e não são os horários exatos "
                'das imagens da Terra. Fontes: NASA Photojournal, "Solar System Portrait - Earth '
                'as \'Pale Blue Dot\'"; NASA JPL, "Pale Blue Dot Revisited" (2020).'
            ),
        },
        "ja": {
            "title": "Voyager 1の「ペイル・ブルー・ドット」",
            "summary": (
                "1990年2月14日、Voyager 1はカメラを後ろに向け、太陽系の「家族写真」を撮影します。"
                "約60億km離れた地球は、淡く青い小さな点です。"
            ),
            "description": (
                "惑星たちのはるか外側、その軌道面から大きく離れた場所にいたVoyager 1は、"
                "1990年2月14日、カメラを太陽の方へ振り向け、太陽系の「家族写真」を撮影しました。"
                "そのうちの1枚で、地球は散乱した太陽光の帯の中に浮かぶ、"
                "1ピクセルにも満たない小さな光の点です。"
                "この写真を撮るよう求めたカール・セーガンは、"
                "それを「ペイル・ブルー・ドット（淡く青い点）」と呼びました。"
                "当時は誰も手を振るよう呼びかけられていません。このページでは、カメラがどこにあり、"
                "地球のどちら側を見ていたかを示します。\n\n"
                "数値はおおよそのものです。距離はNASAの概数で60億km（37億マイル）。"
                "空でのVoyager 1の方向（赤経17h 18m、赤緯+11.6°、へびつかい座）の誤差は1〜2度です。"
                "下のカメラの時刻は1990年2月14日朝（UTC）を示すための例で、"
                "地球を写したコマの正確な時刻ではありません。出典：NASA Photojournal「Solar System "
                "Portrait - Earth as 'Pale Blue Dot'」、NASA JPL「Pale Blue Dot Revisited」"
                "（2020年）。"
            ),
        },
        "zh-hans": {
            "title": "Voyager 1 的“暗淡蓝点”",
            "summary": (
                "1990年2月14日，Voyager 1 把相机转向身后，拍下太阳系的“全家福”："
                "约 60 亿公里外的地球，只是一个暗淡的蓝点。"
            ),
            "description": (
                "1990年2月14日，远在各行星之外、高悬于行星轨道面之上的 Voyager 1 把相机转回太阳方向"
                "，拍下了太阳系的“全家福”。在其中一幅图像里，地球是散射阳光光带中的一个微小光点，"
                "比一个像素还小——这就是卡尔·萨根所说的“暗淡蓝点”，正是他提议拍下这张照片。"
                "那时没有人被邀请挥手；本页展示相机当时所在的位置，以及它看到的是地球的哪一面。\n\n"
                "这些数据为近似值：距离采用 NASA 的整数 60 亿公里（37 亿英里）；"
                "Voyager 1 在天空中的方向（赤经 17h 18m，赤纬 +11.6°，位于蛇夫座）"
                "误差在一两度以内；下方的相机时间只是示意 1990年2月14日早晨（UTC），"
                "并非拍摄地球那几帧的确切时间。资料来源：NASA Photojournal，"
                "“Solar System Portrait - Earth as 'Pale Blue Dot'”；NASA JPL，"
                "“Pale Blue Dot Revisited”（2020）。"
            ),
        },
        "hi": {
            "title": "Voyager 1 का “फीका नीला बिंदु”",
            "summary": (
                "14 फ़रवरी 1990 को Voyager 1 अपना कैमरा पीछे की ओर घुमाकर सौर मंडल का “पारिवारिक "
                "चित्र” लेता है: लगभग 6 अरब किलोमीटर दूर पृथ्वी एक फीका नीला बिंदु है।"
            ),
            "description": (
                "14 फ़रवरी 1990 को, ग्रहों से बहुत आगे और उनके तल से काफ़ी ऊपर पहुँच चुका Voyager "
                "1 अपने कैमरे वापस सूर्य की ओर घुमाता है और सौर मंडल का “पारिवारिक चित्र” लेता है। "
                "एक फ़्रेम में पृथ्वी बिखरी हुई धूप की एक पट्टी में रोशनी का नन्हा-सा बिंदु है, एक "
                "पिक्सेल से भी छोटा: “पेल ब्लू डॉट”, यानी फीका नीला बिंदु, जैसा कि कार्ल सेगन ने "
                "इसे कहा, जिनके कहने पर यह तस्वीर ली गई थी। तब किसी को हाथ हिलाने के लिए नहीं "
                "बुलाया गया था; यह पेज दिखाता है कि कैमरा कहाँ था और उसने पृथ्वी का कौन-सा हिस्सा "
                "देखा।\n\n"
                "अनुमानित आँकड़े: दूरी NASA का गोल आँकड़ा 6 अरब किलोमीटर (3.7 अरब मील) है; आसमान "
                "में Voyager 1 की दिशा (RA 17h 18m, Dec +11.6°, सर्पधारी तारामंडल में) एक-दो "
                "डिग्री तक सही है; नीचे दिए कैमरे के समय 14 फ़रवरी 1990 की सुबह (UTC) का उदाहरण भर "
                "हैं, पृथ्वी वाले फ़्रेमों के सटीक समय नहीं। स्रोत: NASA Photojournal, “Solar "
                "System Portrait - Earth as 'Pale Blue Dot'”; NASA JPL, “Pale Blue Dot Revisited” "
                "(2020)।"
            ),
        },
        "ar": {
            "title": "«النقطة الزرقاء الباهتة» من Voyager 1",
            "summary": (
                "في 14 فبراير 1990، يدير المسبار Voyager 1 كاميرته إلى الوراء ويلتقط «صورة "
                "العائلة» للمجموعة الشمسية: تبدو الأرض نقطة زرقاء باهتة على بعد نحو 6 مليارات كم."
            ),
            "description": (
                "في 14 فبراير 1990، وقد تجاوز الكواكب بمسافة بعيدة وارتفع كثيرًا فوق مستوى "
                "مداراتها، يدير المسبار Voyager 1 كاميراته نحو الشمس ويلتقط «صورة العائلة» "
                "للمجموعة الشمسية. في إحدى اللقطات تظهر الأرض نقطة ضوء دقيقة، أصغر من بكسل واحد، "
                "وسط شريط من ضوء الشمس المتناثر: إنها «النقطة الزرقاء الباهتة» كما سمّاها كارل "
                "ساغان، الذي طلب التقاط هذه الصورة. لم يُدعَ أحد إلى التلويح يومها؛ وتبيّن هذه "
                "الصفحة أين كانت الكاميرا وأيّ وجه من الأرض رأت.\n\n"
                "أرقام تقريبية: المسافة هي الرقم المقرّب الذي تعلنه NASA، أي 6 مليارات كم (3.7 "
                "مليار ميل)؛ واتجاه Voyager 1 في السماء (المطلع المستقيم 17h 18m، والميل 11.6° "
                "شمالًا، في كوكبة الحوّاء) دقيق في حدود درجة أو درجتين؛ وأوقات الكاميرا أدناه "
                "توضيح لصباح 14 فبراير 1990 (UTC)، وليست الأوقات الدقيقة للقطات الأرض. المصادر: "
                "NASA Photojournal، «Solar System Portrait - Earth as 'Pale Blue Dot'»؛ NASA JPL، "
                "«Pale Blue Dot Revisited» (2020)."
            ),
        },
    },
    "sample-probe-in-cruise": {
        "es": {
            "title": "Ejemplo: saluda a una sonda rumbo a Marte",
            "summary": (
                "Una sesión inventada para mostrar una nave en pleno viaje, lejos de cualquier "
                "planeta, situada en el cielo gracias a su tabla de efemérides."
            ),
            "description": (
                "Este es un evento de ejemplo, no una misión real: la sonda y su trayectoria son "
                "inventadas (una órbita de transferencia de la Tierra hacia Marte, con lanzamiento "
                "en noviembre de 2026). Su posición sale de una tabla de efemérides en el formato "
                "de JPL Horizons, tal como un organizador la pegaría para una nave real; así que "
                "hacia dónde mirar, qué lado de la Tierra ve la cámara y el tiempo que tarda la "
                "luz funcionan exactamente igual que con una de verdad."
            ),
        },
        "fr": {
            "title": "Exemple : saluez une sonde en route vers Mars",
            "summary": (
                "Une séance fictive pour montrer un engin en croisière, loin de toute planète, "
                "placé dans le ciel par sa table d'éphémérides."
            ),
            "description": (
                "Ceci est un événement d'exemple, pas une vraie mission : la sonde et sa "
                "trajectoire sont inventées (une orbite de transfert de la Terre vers Mars, "
                "lancement en novembre 2026). Sa position vient d'une table d'éphémérides au "
                "format de JPL Horizons, telle qu'un organisateur la collerait pour une vraie "
                "sonde : où regarder, qui fait face à la caméra et le temps de trajet de la "
                "lumière fonctionnent donc exactement comme pour une vraie."
            ),
        },
        "de": {
            "title": "Beispiel: Wink einer Sonde auf dem Weg zum Mars zu",
            "summary": (
                "Ein erfundener Fototermin, der eine Raumsonde im Flug zeigt, fern von jedem "
                "Planeten, am Himmel verortet durch ihre Ephemeridentabelle."
            ),
            "description": (
                "Dies ist ein Beispiel, keine echte Mission: Sonde und Flugbahn sind erfunden "
                "(eine Transferbahn von der Erde zum Mars, Start im November 2026). Ihre Position "
                "stammt aus einer Ephemeridentabelle im Format von JPL Horizons, so wie ein "
                "Organisator sie für eine echte Raumsonde einfügen würde. Wohin man schauen muss, "
                "wer der Kamera zugewandt ist und die Lichtlaufzeit funktionieren darum genau wie "
                "bei einer echten."
            ),
        },
        "pt-br": {
            "title": "Exemplo: acene para uma sonda a caminho de Marte",
            "summary": (
                "Uma sessão inventada para mostrar uma nave em cruzeiro, longe de qualquer "
                "planeta, posicionada no céu pela sua tabela de efemérides."
            ),
            "description": (
                "Este é um evento de exemplo, não uma missão real: a sonda e a trajetória dela são "
                "inventadas (uma órbita de transferência da Terra rumo a Marte, com lançamento em "
                "novembro de 2026). A posição vem de uma tabela de efemérides no formato do JPL "
                "Horizons, do jeito que um organizador a colaria para uma nave de verdade; assim, "
                "para onde olhar, quem fica de frente para a câmera e o tempo de viagem da luz "
                "funcionam exatamente como vão funcionar com uma real."
            ),
        },
        "ja": {
            "title": "サンプル：火星へ向かう探査機に手を振ろう",
            "summary": (
                "どの惑星からも遠く離れて航行中の探査機を、天体暦の表をもとに空に示すための、"
                "架空の撮影会です。"
            ),
            "description": (
                "これはサンプルのイベントで、実在のミッションではありません。"
                "探査機とその軌道は架空のものです（2026年11月に打ち上げ、"
                "地球から火星へ向かう遷移軌道）。位置は、"
                "主催者が実在の探査機について貼り付けるのと同じJPL Horizons形式の天体暦の表から求め"
                "ています。そのため、どちらを見ればよいか、地球のどこがカメラの方を向いているか、"
                "光が届くまでの時間は、本物の探査機とまったく同じように計算されます。"
            ),
        },
        "zh-hans": {
            "title": "示例：向一艘飞往火星的探测器挥手",
            "summary": (
                "一场虚构的拍摄活动，用来展示远离任何行星、正在巡航的航天器；"
                "它在天空中的位置由星历表给出。"
            ),
            "description": (
                "这是一个示例活动，并非真实任务：探测器及其轨道都是虚构的（一条从地球飞往火星的转移"
                "轨道，2026年11月发射）。它的位置来自一份 JPL Horizons 格式的星历表，"
                "就像组织者为真实航天器粘贴的那样，因此朝哪里看、地球哪一面对着相机、光行时间，"
                "都和真实航天器完全一样。"
            ),
        },
        "hi": {
            "title": "नमूना: मंगल की ओर जा रहे एक यान की ओर हाथ हिलाइए",
            "summary": (
                "एक काल्पनिक फ़ोटो सत्र: किसी भी ग्रह से दूर, रास्ते में चल रहा एक अंतरिक्ष यान, "
                "जिसकी आसमान में जगह उसकी एफ़ेमेरिस तालिका से तय होती है।"
            ),
            "description": (
                "यह एक नमूना इवेंट है, कोई असली मिशन नहीं: यान और उसका रास्ता दोनों काल्पनिक हैं "
                "(पृथ्वी से मंगल की ओर एक ट्रांसफ़र कक्षा, नवंबर 2026 में प्रक्षेपण)। उसकी स्थिति "
                "JPL Horizons के प्रारूप वाली एक एफ़ेमेरिस तालिका से आती है, ठीक वैसे ही जैसे कोई "
                "आयोजक किसी असली यान के लिए उसे चिपकाता; इसलिए कहाँ देखना है, पृथ्वी का कौन-सा "
                "हिस्सा कैमरे के सामने है और रोशनी को लगने वाला समय — सब ठीक वैसे ही काम करते हैं "
                "जैसे किसी असली यान के लिए करेंगे।"
            ),
        },
        "ar": {
            "title": "مثال: لوّحوا لمسبار في طريقه إلى المريخ",
            "summary": (
                "جلسة تصوير افتراضية لعرض مركبة فضائية في أثناء رحلتها، بعيدًا عن أي كوكب، يُحدَّد "
                "موقعها في السماء بجدول تقويمها الفلكي."
            ),
            "description": (
                "هذا حدث نموذجي وليس مهمة حقيقية: المسبار ومساره افتراضيان (مدار انتقالي من الأرض "
                "نحو المريخ، والإطلاق في نوفمبر 2026). يأتي موقعه من جدول تقويم فلكي بصيغة JPL "
                "Horizons، كما يلصقه المنظِّم لمركبة حقيقية؛ لذا فإن اتجاه النظر، ووجه الأرض "
                "المقابل للكاميرا، وزمن وصول الضوء، كلها تعمل تمامًا كما ستعمل مع مركبة حقيقية."
            ),
        },
    },
    "sample-wave": {
        "es": {
            "title": "Ejemplo: saluda a una sonda cerca de Júpiter",
            "summary": (
                "Una sesión inventada para mostrar cómo se ve un próximo evento: inscripción, "
                "cuenta atrás y tu hora local."
            ),
            "description": (
                "Este es un evento de ejemplo, no una misión real. Está aquí para que un sitio "
                "nuevo tenga una próxima sesión que mostrar: la cuenta atrás, tu hora local y las "
                "horas de inicio en todo el mundo funcionan exactamente igual que con una real."
            ),
        },
        "fr": {
            "title": "Exemple : saluez une sonde près de Jupiter",
            "summary": (
                "Une séance fictive pour montrer à quoi ressemble un événement à venir : "
                "inscription, compte à rebours et votre heure locale."
            ),
            "description": (
                "Ceci est un événement d'exemple, pas une vraie mission. Il est là pour qu'un "
                "nouveau site ait une séance à venir à montrer : le compte à rebours, votre heure "
                "locale et les heures de début partout dans le monde fonctionnent exactement comme "
                "pour une vraie."
            ),
        },
        "de": {
            "title": "Beispiel: Wink einer Sonde beim Jupiter zu",
            "summary": (
                "Ein erfundener Fototermin, der zeigt, wie ein bevorstehender Termin aussieht: "
                "Anmeldung, Countdown und deine Ortszeit."
            ),
            "description": (
                "Dies ist ein Beispiel, keine echte Mission. Es ist da, damit eine neue Website "
                "einen bevorstehenden Termin zeigen kann: Countdown, deine Ortszeit und die "
                "Startzeiten rund um den Globus funktionieren genau wie bei einem echten."
            ),
        },
        "pt-br": {
            "title": "Exemplo: acene para uma sonda perto de Júpiter",
            "summary": (
                "Uma sessão inventada para mostrar como fica um evento que está por vir: "
                "inscrição, contagem regressiva e o seu horário local."
            ),
            "description": (
                "Este é um evento de exemplo, não uma missão real. Ele está aqui para que um site "
                "novo tenha uma sessão futura para mostrar: a contagem regressiva, o seu horário "
                "local e os horários de início pelo mundo funcionam exatamente como numa sessão "
                "real."
            ),
        },
        "ja": {
            "title": "サンプル：木星の近くの探査機に手を振ろう",
            "summary": (
                "これから開かれるイベントがどう見えるかを示す、架空の撮影会です。参加登録、"
                "カウントダウン、あなたの現地時刻をご覧ください。"
            ),
            "description": (
                "これはサンプルのイベントで、実在のミッションではありません。"
                "新しいサイトにも開催予定の撮影会を表示できるように置いています。カウントダウン、"
                "あなたの現地時刻、世界各地の開始時刻は、"
                "本物のイベントとまったく同じように動きます。"
            ),
        },
        "zh-hans": {
            "title": "示例：向木星附近的探测器挥手",
            "summary": (
                "一场虚构的拍摄活动，展示即将举行的活动是什么样子：报名、倒计时和你的当地时间。"
            ),
            "description": (
                "这是一个示例活动，并非真实任务。它的作用是让新网站有一场即将举行的活动可以展示："
                "倒计时、你的当地时间以及世界各地的开始时间，都和真实活动完全一样。"
            ),
        },
        "hi": {
            "title": "नमूना: बृहस्पति के पास एक यान की ओर हाथ हिलाइए",
            "summary": (
                "एक काल्पनिक फ़ोटो सत्र, यह दिखाने के लिए कि आने वाला इवेंट कैसा दिखता है: "
                "पंजीकरण, उलटी गिनती और आपका स्थानीय समय।"
            ),
            "description": (
                "यह एक नमूना इवेंट है, कोई असली मिशन नहीं। यह इसलिए है ताकि नई साइट के पास दिखाने "
                "के लिए एक आने वाला सत्र हो: उलटी गिनती, आपका स्थानीय समय और दुनिया भर में शुरू "
                "होने के समय ठीक वैसे ही काम करते हैं जैसे किसी असली सत्र में करेंगे।"
            ),
        },
        "ar": {
            "title": "مثال: لوّحوا لمسبار قرب المشتري",
            "summary": (
                "جلسة تصوير افتراضية لعرض شكل حدث قادم: التسجيل، والعدّ التنازلي، ووقتكم المحلي."
            ),
            "description": (
                "هذا حدث نموذجي وليس مهمة حقيقية. وُضع هنا ليجد الموقع الجديد جلسة قادمة يعرضها: "
                "العدّ التنازلي، ووقتكم المحلي، وأوقات البدء حول العالم، كلها تعمل تمامًا كما "
                "ستعمل مع جلسة حقيقية."
            ),
        },
    },
}

ANNOUNCEMENT_TRANSLATIONS: dict[str, dict[str, dict[str, str]]] = {
    "wave-at-saturn-2013": {
        "es": {
            "title": "La foto se tomará el 19 de julio",
            "body": (
                "Por primera vez sabes de antemano que te van a fotografiar desde 1440 millones de "
                "km. Busca la hora de inicio de tu zona en la página de horarios en todo el mundo "
                "y sal a la calle a saludar."
            ),
        },
        "fr": {
            "title": "La photo sera prise le 19 juillet",
            "body": (
                "Pour la première fois, vous savez à l'avance qu'on va vous photographier depuis "
                "1,44 milliard de km. Cherchez l'heure de début pour votre fuseau sur la page des "
                "horaires dans le monde, et sortez saluer."
            ),
        },
        "de": {
            "title": "Das Foto entsteht am 19. Juli",
            "body": (
                "Zum ersten Mal weißt du vorher, dass du aus 1,44 Milliarden km Entfernung "
                "fotografiert wirst. Schau auf der Seite mit den Startzeiten weltweit nach, wann "
                "es in deiner Zeitzone losgeht, und geh zum Winken nach draußen."
            ),
        },
        "pt-br": {
            "title": "A foto será tirada em 19 de julho",
            "body": (
                "Pela primeira vez, você sabe com antecedência que vai ser fotografado a 1,44 "
                "bilhão de km de distância. Veja o horário de início do seu fuso na página de "
                "horários pelo mundo e saia para acenar."
            ),
        },
        "ja": {
            "title": "撮影は7月19日です",
            "body": (
                "14億4000万km離れた場所から自分が撮影されることを、"
                "前もって知るのはこれが初めてです。「世界各地の開始時刻」のページで、"
                "お住まいのタイムゾーンの時刻を確かめて、外に出て手を振りましょう。"
            ),
        },
        "zh-hans": {
            "title": "照片将在7月19日拍摄",
            "body": (
                "这是第一次，你能提前知道自己将在 14.4 亿公里外被拍下。"
                "到全球开始时间页面查看你所在时区的开始时间，然后走到户外挥手吧。"
            ),
        },
        "hi": {
            "title": "तस्वीर 19 जुलाई को ली जाएगी",
            "body": (
                "पहली बार आपको पहले से पता है कि आपकी तस्वीर 1.44 अरब किलोमीटर दूर से ली जा रही "
                "है। दुनिया भर के शुरुआती समय वाले पेज पर अपने टाइम ज़ोन का शुरू होने का समय देखिए "
                "और बाहर जाकर हाथ हिलाइए।"
            ),
        },
        "ar": {
            "title": "ستُلتقط الصورة في 19 يوليو",
            "body": (
                "لأول مرة، تعرفون مسبقًا أن صورتكم تُلتقط من على بعد 1.44 مليار كم. ابحثوا عن وقت "
                "البدء في منطقتكم الزمنية على صفحة مواعيد البدء حول العالم، ثم اخرجوا ولوّحوا."
            ),
        },
    },
}
