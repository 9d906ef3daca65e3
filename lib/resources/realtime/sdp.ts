/** An SDP answer to an offer: the offer's media sections, answered by the mock (enough for a client to read). */
export function sdpAnswer(offer: string): string {
  const media = offer.split(/\r?\n/).filter((line) => line.startsWith('m='));
  return ['v=0', `o=- ${Date.now()} 2 IN IP4 127.0.0.1`, 's=-', 't=0 0', ...(media.length > 0 ? media : ['m=audio 9 UDP/TLS/RTP/SAVPF 111']), 'a=sendrecv', ''].join('\r\n');
}
