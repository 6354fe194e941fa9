/** The steps of "Registrarse": a long form split so that each fits above the on-screen keyboard. */
export const registerSteps = [1, 2, 3] as const;
export type RegisterStep = (typeof registerSteps)[number];

/** One task per screen. Screens that follow a mail carry the address the mail went to. */
export type Screen =
  | { name: 'welcome' }
  | { name: 'register'; step: RegisterStep }
  | { name: 'registered'; email: string }
  /** `notice`: why the customer is here when they came from "Iniciar Sesión". */
  | { name: 'activate'; email: string; notice?: string }
  | { name: 'activated'; email: string }
  | { name: 'signIn' }
  | { name: 'forgotPassword' }
  | { name: 'resetPassword'; email: string }
  | { name: 'passwordChanged'; email: string }
  /** Counter staff: the sign-in behind the welcome's "Personal", then their panel. */
  | { name: 'staffSignIn' }
  | { name: 'staffPanel' }
  /** "Descartar" a rejected delivery: the reason, typed, then confirmed. */
  | { name: 'staffDiscard'; itemId: string }
  /** "Probar cámara": the preview, then back to the panel with the result. */
  | { name: 'staffCamera' }
  /** "Atención asistida": staff open a walk-in's session. */
  | { name: 'staffAssist' }
  /** "Salir del modo kiosco", after the PIN again. */
  | { name: 'staffLeaveKiosk' }
  | { name: 'home' }
  /** "ASOCIAR CUENTA". */
  | { name: 'linkSupply' }
  /** "CUENTAS". */
  | { name: 'supplies' }
  /** "Ir a Facturas y Pagos": the hand-off QR code. */
  | { name: 'payments' }
  /** The payments page open inside the kiosk, below the app's bar. */
  | { name: 'paymentsInside' }
  /** "Imprimir cupón de pago": printing, then how it went. */
  | { name: 'coupon' }
  /** "Consultar factura sin cuenta": the form, then what it found. */
  | { name: 'lookup' }
  | { name: 'lookupResult' }
  /** "¿Qué necesito?": a request type's requirements, before it starts. */
  | { name: 'requestNeeds'; requestTypeId: string }
  /** One step of the request's wizard (the draft is in RequestState). */
  | { name: 'requestStep'; stepId: string }
  /** "Enviar" went through: the receipt. */
  | { name: 'requestReceipt' }
  /** One of "Mis trámites": its state, history and, when observed, the step to correct. */
  | { name: 'trackedRequest'; requestId: string };

export type ScreenName = Screen['name'];

const welcome: Screen = { name: 'welcome' };

/**
 * Where the customer is, as a stack: "Volver" pops it. A finished task resets the stack, so
 * "Volver" never leads back into a form that was already sent.
 */
export class Navigation {
  stack = $state<Screen[]>([welcome]);
  readonly current = $derived(this.stack.at(-1) ?? welcome);
  readonly canGoBack = $derived(this.stack.length > 1);

  go(screen: Screen): void {
    this.stack.push(screen);
  }

  /** Swaps the current screen for `screen`: moving between a wizard's steps adds no "Volver". */
  replace(screen: Screen): void {
    this.stack[this.stack.length - 1] = screen;
  }

  /** Starts over from the welcome with `screens` on top. */
  reset(...screens: Screen[]): void {
    this.stack = [welcome, ...screens];
  }

  /** Signed in: the home is the root, the welcome is no longer one "Volver" away. */
  home(): void {
    this.stack = [{ name: 'home' }];
  }

  back(): Screen {
    if (this.stack.length > 1) this.stack.pop();
    return this.current;
  }

  /** Goes back to the nearest screen that matches, or pushes it when none does. */
  backTo(screen: Screen): void {
    const index = this.stack.findLastIndex((entry) => sameScreen(entry, screen));
    if (index < 0) this.stack.push(screen);
    else this.stack = this.stack.slice(0, index + 1);
  }

  clear(): void {
    this.stack = [welcome];
  }
}

function sameScreen(a: Screen, b: Screen): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
