/**
 * The categories of the embedded default policy (`defaultPolicy()`); an
 * order's `category` may be any other string too.
 */
export type DefaultCategory = "3c_digital" | "mobile_phone" | "computer" | "home_appliance" | "tv" | "air_conditioner" | "refrigerator" | "washing_machine" | "bicycle" | "apparel" | "fresh_food" | "made_to_order" | "digital_download" | "newspaper" | "seedlings" | "flowers" | "pets";

/** Options for a new Engine. */
export interface EngineOptions {
    /** The language of `reason.text`, each window's `label` and `basis.text` (default "zh-CN"; `setLocale` changes it later). */
    locale?: Locale;
}

/** The slot of an order that could not be answered in `evaluateMany`. */
export interface EvaluationFailure {
    /** Always `false`: narrows an `EvaluationResult` to this. */
    ok: false;
    /** The order's `id` when it was a string the engine could read, else `null`. */
    orderId: string | null;
    error: EngineError;
}

/** What `evaluateMany` returns for each order, in order: narrow it on `ok`. */
export type EvaluationResult = Eligibility | EvaluationFailure;

/** What every answer carries, whatever its status. */
interface EligibilityBase {
    /** Always `true`: narrows an `EvaluationResult` to an answer. */
    ok: true;
    /** The order's `id`, as sent. */
    orderId: string;
    /** Why: the binding window's code, or the order's state, and a sentence. */
    reason: Reason;
    /** Every window the order has, by deadline, then code, part, promise. */
    windows: EligibilityWindow[];
    /** Whether the order's category is one the policy names. */
    categoryKnown: boolean;
    /** The version of the policy snapshot that answered. */
    policyVersion: string;
}

/**
 * `open` (the self-service entry, 售后入口) or `support` (through 官方客服,
 * 售后保): a window is active, so every instant is known.
 */
export interface OpenEligibility extends EligibilityBase {
    status: "open" | "support";
    /** The binding window's deadline (RFC 3339, the policy's offset). */
    deadline: string;
    /** The same instant in epoch milliseconds. */
    deadlineMs: number;
    /** Milliseconds from now to the deadline (> 0). */
    remainingMs: number;
    /** Whole days left, the last partial day counting as one (≥ 1). */
    remainingDays: number;
    reason: { code: WindowCode; text: string };
    /** The next instant anything shown changes: set the page's one timer for it. */
    nextChangeAt: string;
    /** The same instant in epoch milliseconds. */
    nextChangeAtMs: number;
    /** The deadline may still move (show it as 预计, expected). */
    provisional: boolean;
}

/** `pending`: the transaction has not succeeded yet; no window, no instant. */
export interface PendingEligibility extends EligibilityBase {
    status: "pending";
    deadline: null;
    deadlineMs: null;
    remainingMs: null;
    remainingDays: null;
    reason: { code: "TRANSACTION_PENDING"; text: string };
    windows: [];
    nextChangeAt: null;
    nextChangeAtMs: null;
    provisional: false;
}

/** `closed` for a closed (cancelled) order: no window, no instant. */
export interface OrderClosedEligibility extends EligibilityBase {
    status: "closed";
    deadline: null;
    deadlineMs: null;
    remainingMs: null;
    remainingDays: null;
    reason: { code: "ORDER_CLOSED"; text: string };
    windows: [];
    nextChangeAt: null;
    nextChangeAtMs: null;
    provisional: false;
}

/** `closed` because every window has ended (`EXPIRED`): when the last one did. */
export interface ExpiredEligibility extends EligibilityBase {
    status: "closed";
    /** The latest deadline of all windows. */
    deadline: string;
    deadlineMs: number;
    remainingMs: 0;
    remainingDays: 0;
    reason: { code: "EXPIRED"; text: string };
    nextChangeAt: null;
    nextChangeAtMs: null;
    provisional: false;
}

/**
 * The answer for one order: a union on `status`. A `closed` answer is
 * `EXPIRED` exactly when its `deadline` is not `null` (`if (a.deadline !==
 * null)` narrows it), a closed order's otherwise.
 */
export type Eligibility = OpenEligibility | PendingEligibility | OrderClosedEligibility | ExpiredEligibility;


/**
 * A merchant promise (商家承诺), as sent: `days` or `months`, not both.
 */
export type MerchantPromise = { service: PromiseService; from: PromiseFrom } & ({ days: number; months?: null } | { months: number; days?: null });

/**
 * A versioned policy snapshot, as the server sends it (contract §3).
 */
export interface PolicySnapshot {
    /**
     * The snapshot's version, echoed in every answer (`policyVersion`).
     */
    version: string;
    /**
     * Minutes east of UTC in which dates are reckoned: −720 to 840; default 480 (Beijing).
     */
    utcOffsetMinutes?: number | null;
    /**
     * Holidays (法定节假日, `YYYY-MM-DD`) that 三包 periods roll over.
     */
    holidays?: string[] | null;
    /**
     * Make-up workdays (调休上班, `YYYY-MM-DD`): weekend days that are
     * working days, so not rest days. Never also a holiday.
     */
    workdays?: string[] | null;
    /**
     * Whether Saturdays and Sundays that are not workdays are rest days; default true.
     */
    weekends?: boolean | null;
    /**
     * The first date the published holiday arrangement covers
     * (`YYYY-MM-DD`, `X-01-01` for the State Council's notice of year X);
     * a period whose end day before the roll is earlier is provisional.
     * Not later than `holidaysPublishedThrough`. Absent: no bound.
     */
    holidaysPublishedFrom?: string | null;
    /**
     * The last date the published holiday arrangement covers (`YYYY-MM-DD`,
     * `Y-12-31` for the State Council's notice of year Y); a rolled end day
     * after it is provisional. Absent: no bound.
     */
    holidaysPublishedThrough?: string | null;
    /**
     * The self-service entry's days after 交易成功.
     */
    entryDays: number;
    /**
     * 七天无理由退货 days after delivery; default 7.
     */
    noReasonReturnDays?: number | null;
    /**
     * Category name → its own settings; what a category leaves out it
     * inherits from its `parent`, else from the top level.
     */
    categories?: Record<string, CategorySettings> | null;
}

/**
 * An error naming its field path.
 */
export interface EngineError {
    /**
     * Which input was at fault.
     */
    code: ErrorCode;
    /**
     * The field at fault (`categories.tv.parent`, `[3].deliveredAt`), `""`
     * for the whole value.
     */
    path: string;
    /**
     * What is wrong, for people; one line, input quoted briefly.
     */
    message: string;
}

/**
 * An order, as sent.
 */
export interface Order {
    /**
     * The order number, as a string (Taobao's exceed 2^53).
     */
    id: string;
    /**
     * The category, as the policy names it: the default policy's are
     * `DefaultCategory` (`apparel`, `mobile_phone`, `tv`, `pets`, …). Any
     * other string is allowed and gets the top-level rules
     * (`categoryKnown: false`).
     */
    category: DefaultCategory | (string & {});
    status: OrderStatus;
    /**
     * 交易成功: an RFC 3339 instant with an offset, or epoch ms. Required for `"success"`.
     */
    successAt?: string | number | null;
    /**
     * 签收 (delivery): falls back to `successAt`.
     */
    deliveredAt?: string | number | null;
    /**
     * The invoice date (`YYYY-MM-DD` or an instant): falls back to delivery, then success.
     */
    invoiceAt?: string | number | null;
    /**
     * Days under repair or waiting for parts, added to the 三包 warranty.
     */
    repairDays?: number | null;
    /**
     * The date of a 三包 exchange, which restarts the warranty.
     */
    exchangedAt?: string | number | null;
    merchantPromises?: MerchantPromise[] | null;
}

/**
 * How a window was derived (beyond the contract, for explaining answers).
 */
export interface WindowBasis {
    /**
     * `success`, `delivery`, `invoice` or `exchange`: the anchor used after fallbacks.
     */
    anchor: Anchor;
    /**
     * The anchor's date in the policy's zone, `YYYY-MM-DD`.
     */
    anchorDate: string;
    /**
     * `elapsed`, `days` or `months`.
     */
    counting: Counting;
    /**
     * The days or months counted.
     */
    count: number;
    /**
     * Days added for time under repair (三包 warranty and parts).
     */
    repairDays: number;
    /**
     * Days the end day rolled forward over rest days: `holidayDays + weekendDays`.
     */
    rolledDays: number;
    /**
     * Of those, days of the policy's `holidays`.
     */
    holidayDays: number;
    /**
     * Of those, Saturdays and Sundays that are neither holidays nor workdays.
     */
    weekendDays: number;
    /**
     * The counting as one line, in the engine's locale ("签收起 7 个自然日
     * （起算日不计） · 顺延 2 天（周末）").
     */
    text: string;
}

/**
 * How a window's period was counted.
 */
export type Counting = "elapsed" | "days" | "months";

/**
 * One category's own settings; what it leaves out it inherits.
 */
export interface CategorySettings {
    /**
     * The category this one inherits from; it must be in the snapshot.
     */
    parent?: string | null;
    /**
     * The entry's days after 交易成功 for this category (ENTRY_CATEGORY).
     */
    entryDays?: number | null;
    /**
     * `false` where 七天无理由退货 does not apply (fresh food, made to order…).
     */
    noReasonReturn?: boolean | null;
    /**
     * The category's 三包 periods, inherited whole.
     */
    threeGuarantees?: ThreeGuarantees | null;
    /**
     * Days after delivery for problems that take long to show (苗木, 花卉, 宠物).
     */
    longDiscoveryDays?: number | null;
}

/**
 * One window of the order, as the answer lists it. (Named so that it does
 * not shadow the DOM's global `Window` in TypeScript.)
 */
export interface EligibilityWindow {
    /**
     * The rule that grants the window.
     */
    code: WindowCode;
    /**
     * The window's name as a page lists it, in the engine's locale
     * ("三包保修 · 电池", "Merchant promise: repair").
     */
    label: string;
    /**
     * What it grants: `any`, `return`, `exchange` or `repair`.
     */
    service: Service;
    /**
     * When it closes (exclusive), RFC 3339 in the policy's offset.
     */
    deadline: string;
    /**
     * The same instant as `deadline`, in epoch milliseconds.
     */
    deadlineMs: number;
    /**
     * Whole days left; 0 once inactive.
     */
    remainingDays: number;
    /**
     * Still open at now.
     */
    active: boolean;
    /**
     * The window rolls over rest days and lies outside the published
     * holiday arrangement: its end day after the roll is later than
     * `holidaysPublishedThrough`, or before the roll earlier than
     * `holidaysPublishedFrom`.
     */
    provisional: boolean;
    /**
     * For THREE_GUARANTEES_PART: the part's name (`battery`).
     */
    part?: string;
    /**
     * For MERCHANT_PROMISE: the promise's index in the order.
     */
    promise?: number;
    /**
     * How the window was counted.
     */
    basis: WindowBasis;
}

/**
 * The date a window was counted from, after fallbacks.
 */
export type Anchor = "success" | "delivery" | "invoice" | "exchange";

/**
 * The entry's status.
 */
export type Status = "pending" | "open" | "support" | "closed";

/**
 * The language of `reason.text`, of each window's `label` and of its
 * `basis.text`.
 */
export type Locale = "zh-CN" | "en";

/**
 * The reasons that are states of the order rather than windows.
 */
export type StateReason = "TRANSACTION_PENDING" | "ORDER_CLOSED" | "EXPIRED";

/**
 * The service a merchant promise grants.
 */
export type PromiseService = "return" | "exchange" | "repair";

/**
 * The service a window grants.
 */
export type Service = "any" | "return" | "exchange" | "repair";

/**
 * Where an order stands in its transaction.
 */
export type OrderStatus = "pending" | "success" | "closed";

/**
 * Which date a merchant promise counts from.
 */
export type PromiseFrom = "success" | "delivery" | "invoice";

/**
 * Which input was at fault.
 */
export type ErrorCode = "INVALID_POLICY" | "INVALID_ORDER" | "INVALID_ARGUMENT";

/**
 * Which rule grants a window (contract §5), as a stable code.
 */
export type WindowCode = "ENTRY_DEFAULT" | "ENTRY_CATEGORY" | "NO_REASON_RETURN" | "THREE_GUARANTEES_RETURN" | "THREE_GUARANTEES_EXCHANGE" | "THREE_GUARANTEES_WARRANTY" | "THREE_GUARANTEES_PART" | "MERCHANT_PROMISE" | "LONG_DISCOVERY";

/**
 * Which rule grants the answer, as a stable code and a sentence.
 */
export interface Reason {
    /**
     * A stable code: a window's, or `TRANSACTION_PENDING`, `ORDER_CLOSED`, `EXPIRED`.
     */
    code: ReasonCode;
    /**
     * A sentence for the shopper in the engine's locale.
     */
    text: string;
}

/**
 * Why the answer is what it is: the binding window's code, or a state.
 */
export type ReasonCode = WindowCode | StateReason;

/**
 * 三包 periods as sent: return and exchange days, warranty and part months.
 */
export interface ThreeGuarantees {
    /**
     * Days after the invoice in which a fault may be returned.
     */
    returnDays: number;
    /**
     * Days after the invoice in which a fault may be exchanged.
     */
    exchangeDays: number;
    /**
     * Months of whole-unit warranty from the invoice (or the exchange).
     */
    warrantyMonths: number;
    /**
     * Part name → warranty months (an object, as sent).
     */
    parts?: Record<string, number> | null;
}


