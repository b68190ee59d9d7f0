// Zone names browsers may report (ICU keeps CLDR's older names: Chromium says
// Asia/Calcutta) and the name the server uses for each (events/zones/catalogue.py
// canonical_zone_name; tests/zones/test_aliases.py checks that they agree).
export const ALIASES = {
  "Africa/Asmera": "Africa/Nairobi",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Coral_Harbour": "America/Panama",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Guadalcanal",
  "Pacific/Truk": "Pacific/Port_Moresby",
  "Asia/Dacca": "Asia/Dhaka",
  "Asia/Ulan_Bator": "Asia/Ulaanbaatar",
  "Europe/Uzhgorod": "Europe/Kyiv",
  "Europe/Zaporozhye": "Europe/Kyiv",
  "Etc/UTC": "Etc/UTC",
  "Etc/GMT": "Etc/GMT",
  "GMT": "GMT",
  "UCT": "UCT",
  "Universal": "Universal",
  "Zulu": "Zulu",
  "Etc/Universal": "Etc/Universal",
  "Etc/Zulu": "Etc/Zulu",
  "Etc/UCT": "Etc/UCT",
  "Etc/Greenwich": "Etc/Greenwich",
  "Greenwich": "Greenwich",
};

export function canonical(zone) {
  return ALIASES[zone] ?? zone;
}
