// The CAB packet (README.md, "CAB packet"): one change's model, and the formats it is written in.
export { cabPacket, PACKET_LIMITS, type CabPacket, type Capped, type PacketCmdbState, type PacketInput, type PacketService } from './model';
export { changePacket } from './gather';
export { impactPicture, type ImpactPicture, type PictureEdge, type PictureNode } from './picture';
export { impactPictureSvg, packetPictureSvg, type SvgOptions } from './svg';
export { packetHtml } from './html';
export { packetMarkdown } from './markdown';
export { escapeMarkdown, escapeXml } from './escape';
