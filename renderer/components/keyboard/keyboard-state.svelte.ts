/** Which field the on-screen keyboard types into: one keyboard at a time on the whole screen. */
export class KeyboardFocus {
  owner = $state<string | null>(null);

  open(owner: string): void {
    this.owner = owner;
  }

  close(owner: string): void {
    if (this.owner === owner) this.owner = null;
  }

  closeAll(): void {
    this.owner = null;
  }

  isOpenFor(owner: string): boolean {
    return this.owner === owner;
  }
}

export const keyboardFocus = new KeyboardFocus();
