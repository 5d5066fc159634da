"""How French names a département in a sentence: its article (« le Cher », « la Seine-Saint-Denis », « les
Yvelines », « l'Ain », none for « Paris », « Mayotte » and « La Réunion », whose article is part of its name)
and the preposition of place (« dans le Cher », « en Seine-Saint-Denis », « à La Réunion »).

Pure functions and data, so the data migration that fills `Department.article` and `Department.locative`
uses them as they are."""

LE, LA, LES, L_APOSTROPHE, NONE = "le", "la", "les", "l'", ""
DANS, EN, A = "dans", "en", "à"

#: code → (article, preposition of place). Usage, not a rule: feminine names mostly take « en » without the
#: article (« en Gironde »), some keep « dans la » (« dans la Marne », « dans la Somme »); masculine and
#: plural names take « dans » with the article.
FORMS: dict[str, tuple[str, str]] = {
    "01": (L_APOSTROPHE, DANS),  # l'Ain
    "02": (L_APOSTROPHE, DANS),  # l'Aisne
    "03": (L_APOSTROPHE, DANS),  # l'Allier
    "04": (LES, DANS),  # les Alpes-de-Haute-Provence
    "05": (LES, DANS),  # les Hautes-Alpes
    "06": (LES, DANS),  # les Alpes-Maritimes
    "07": (L_APOSTROPHE, EN),  # en Ardèche
    "08": (LES, DANS),  # les Ardennes
    "09": (L_APOSTROPHE, EN),  # en Ariège
    "10": (L_APOSTROPHE, DANS),  # l'Aube
    "11": (L_APOSTROPHE, DANS),  # l'Aude
    "12": (L_APOSTROPHE, EN),  # en Aveyron
    "13": (LES, DANS),  # les Bouches-du-Rhône
    "14": (LE, DANS),  # le Calvados
    "15": (LE, DANS),  # le Cantal
    "16": (LA, EN),  # en Charente
    "17": (LA, EN),  # en Charente-Maritime
    "18": (LE, DANS),  # le Cher
    "19": (LA, EN),  # en Corrèze
    "2A": (LA, EN),  # en Corse-du-Sud
    "2B": (LA, EN),  # en Haute-Corse
    "21": (LA, EN),  # en Côte-d'Or
    "22": (LES, DANS),  # les Côtes-d'Armor
    "23": (LA, DANS),  # dans la Creuse
    "24": (LA, EN),  # en Dordogne
    "25": (LE, DANS),  # le Doubs
    "26": (LA, DANS),  # dans la Drôme
    "27": (L_APOSTROPHE, DANS),  # l'Eure
    "28": (L_APOSTROPHE, EN),  # en Eure-et-Loir
    "29": (LE, DANS),  # le Finistère
    "30": (LE, DANS),  # le Gard
    "31": (LA, EN),  # en Haute-Garonne
    "32": (LE, DANS),  # le Gers
    "33": (LA, EN),  # en Gironde
    "34": (L_APOSTROPHE, DANS),  # l'Hérault (h muet)
    "35": (L_APOSTROPHE, EN),  # en Ille-et-Vilaine
    "36": (L_APOSTROPHE, DANS),  # l'Indre
    "37": (L_APOSTROPHE, EN),  # en Indre-et-Loire
    "38": (L_APOSTROPHE, EN),  # en Isère
    "39": (LE, DANS),  # le Jura
    "40": (LES, DANS),  # les Landes
    "41": (LE, DANS),  # le Loir-et-Cher
    "42": (LA, DANS),  # dans la Loire
    "43": (LA, EN),  # en Haute-Loire
    "44": (LA, EN),  # en Loire-Atlantique
    "45": (LE, DANS),  # le Loiret
    "46": (LE, DANS),  # le Lot
    "47": (LE, DANS),  # le Lot-et-Garonne
    "48": (LA, EN),  # en Lozère
    "49": (LE, DANS),  # le Maine-et-Loire
    "50": (LA, DANS),  # dans la Manche
    "51": (LA, DANS),  # dans la Marne
    "52": (LA, EN),  # en Haute-Marne
    "53": (LA, EN),  # en Mayenne
    "54": (LA, EN),  # en Meurthe-et-Moselle
    "55": (LA, DANS),  # dans la Meuse
    "56": (LE, DANS),  # le Morbihan
    "57": (LA, EN),  # en Moselle
    "58": (LA, DANS),  # dans la Nièvre
    "59": (LE, DANS),  # le Nord
    "60": (L_APOSTROPHE, DANS),  # l'Oise
    "61": (L_APOSTROPHE, DANS),  # l'Orne
    "62": (LE, DANS),  # le Pas-de-Calais
    "63": (LE, DANS),  # le Puy-de-Dôme
    "64": (LES, DANS),  # les Pyrénées-Atlantiques
    "65": (LES, DANS),  # les Hautes-Pyrénées
    "66": (LES, DANS),  # les Pyrénées-Orientales
    "67": (LE, DANS),  # le Bas-Rhin
    "68": (LE, DANS),  # le Haut-Rhin
    "69": (LE, DANS),  # le Rhône
    "70": (LA, EN),  # en Haute-Saône
    "71": (LA, EN),  # en Saône-et-Loire
    "72": (LA, DANS),  # dans la Sarthe
    "73": (LA, EN),  # en Savoie
    "74": (LA, EN),  # en Haute-Savoie
    "75": (NONE, A),  # à Paris
    "76": (LA, EN),  # en Seine-Maritime
    "77": (LA, EN),  # en Seine-et-Marne
    "78": (LES, DANS),  # les Yvelines
    "79": (LES, DANS),  # les Deux-Sèvres
    "80": (LA, DANS),  # dans la Somme
    "81": (LE, DANS),  # le Tarn
    "82": (LE, DANS),  # le Tarn-et-Garonne
    "83": (LE, DANS),  # le Var
    "84": (LE, DANS),  # le Vaucluse
    "85": (LA, EN),  # en Vendée
    "86": (LA, DANS),  # dans la Vienne
    "87": (LA, EN),  # en Haute-Vienne
    "88": (LES, DANS),  # les Vosges
    "89": (L_APOSTROPHE, DANS),  # l'Yonne
    "90": (LE, DANS),  # le Territoire de Belfort
    "91": (L_APOSTROPHE, EN),  # en Essonne
    "92": (LES, DANS),  # les Hauts-de-Seine
    "93": (LA, EN),  # en Seine-Saint-Denis
    "94": (LE, DANS),  # le Val-de-Marne
    "95": (LE, DANS),  # le Val-d'Oise
    "971": (LA, EN),  # en Guadeloupe
    "972": (LA, EN),  # en Martinique
    "973": (LA, EN),  # en Guyane
    "974": (NONE, A),  # à La Réunion (the article belongs to the name)
    "976": (NONE, A),  # à Mayotte
}

_VOWELS = "aeiouyàâäéèêëîïôöûü"


def with_article(name: str, article: str) -> str:
    """« le Cher », « la Seine-Saint-Denis », « les Yvelines », « l'Ain », « Paris »."""
    if article == L_APOSTROPHE:
        return f"l’{name}"
    return f"{article} {name}" if article else name


def of_name(name: str, article: str) -> str:
    """« du Cher », « de la Seine-Saint-Denis », « des Yvelines », « de l'Ain », « de Paris »."""
    if article == LE:
        return f"du {name}"
    if article == LES:
        return f"des {name}"
    if article in (LA, L_APOSTROPHE):
        return f"de {with_article(name, article)}"
    if name[:1].lower() in _VOWELS:
        return f"d’{name}"
    return f"de {name}"


def in_name(name: str, article: str, locative: str) -> str:
    """« dans le Cher », « en Seine-Saint-Denis », « dans la Marne », « dans l'Ain », « à La Réunion »."""
    if locative == EN:
        return f"en {name}"
    if locative == A:
        return f"à {name}"
    return f"dans {with_article(name, article)}"


def forms_for(code: str) -> tuple[str, str]:
    """(article, preposition) of a département by code; a code missing from FORMS (none is) reads « le »."""
    return FORMS.get(code, (LE, DANS))
