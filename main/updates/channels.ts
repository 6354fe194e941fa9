/** The kiosk's update channels, as IT and the central name them. */
export const updateChannels = ['stable', 'beta'] as const;
export type UpdateChannel = (typeof updateChannels)[number];

/** electron-updater's name for a channel: its feed is `<name>-linux.yml` (`<name>.yml` on Windows). */
export function feedChannelName(channel: UpdateChannel): string {
  return channel === 'stable' ? 'latest' : 'beta';
}

export function isUpdateChannel(value: string): value is UpdateChannel {
  return (updateChannels as readonly string[]).includes(value);
}
