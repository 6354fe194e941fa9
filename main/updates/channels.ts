import { UpdateChannelName } from '../../src/contract/fleet.js';

/** The kiosk's update channels, as IT and the central name them. */
export const updateChannels = UpdateChannelName.options;
export type UpdateChannel = UpdateChannelName;

/** electron-updater's name for a channel: its feed is `<name>-linux.yml` (`<name>.yml` on Windows). */
export function feedChannelName(channel: UpdateChannel): string {
  return channel === 'stable' ? 'latest' : 'beta';
}

export function isUpdateChannel(value: string): value is UpdateChannel {
  return (updateChannels as readonly string[]).includes(value);
}
