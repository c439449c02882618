/** The `https://wa.me/…` link for a WhatsApp number in E.164. */
export function whatsappLink(number: string): string {
  return `https://wa.me/${number.replace(/\D/g, '')}`;
}

/** A `geo:` URI that opens the phone's map app at a place, labelled with its name. */
export function geoLink(latitude: number, longitude: number, label: string): string {
  return `geo:${latitude},${longitude}?q=${latitude},${longitude}(${encodeURIComponent(label)})`;
}
