package app

import "context"

// Table names the kinds of synced record. They are the table names in the
// database, in the change log and, later, in sync files.
type Table string

// The synced tables of mechanism 1.
const (
	TableEnterprises Table = "enterprises"
	TableLeaders     Table = "leaders"
	TableAssignments Table = "assignments"
	TableVisits      Table = "visits"
	TableProblems    Table = "problems"
	TableEvents      Table = "problem_events"
	TableMeetings    Table = "meetings"
	TableFinancing   Table = "financing_needs"
	TableLoans       Table = "bridge_loans"
)

// Dashboard is what the 工作台 shows: what needs doing today.
type Dashboard struct {
	Today       Date
	Overdue     []Problem    // open, past their deadline, oldest deadline first
	DueSoon     []Problem    // open, due within Settings.DueSoonDays
	Unassigned  []Problem    // 登记 longer than Settings.AssignWithinDays working days
	Unvisited   []Assignment // in force, no visit by that leader this visit period
	IdleLeaders []Leader     // leaders with no assignment in force
	OpenCount   int          // open problems in all
	PeriodStart Date         // first day of the current visit period

	// Filled by Service.Dashboard from the meetings and loans:
	Meetings     []MeetingPeriod // this period's required meetings not yet held (待召开), then this year's missed ones (未召开)
	OverdueLoans []BridgeLoan    // paid out, past their due-back date
	Depts        []DeptFigure    // per department of the office (the city's own when office is ""), every problem 交办 (DeptFigures), judged today
}

// Stats counts the live (not deleted) records of this database, of every
// office, as `wugeyi stats` prints them. Counts of records later issues add
// are zero until those records exist.
type Stats struct {
	Offices            int `json:"offices"`
	Enterprises        int `json:"enterprises"`
	Leaders            int `json:"leaders"`
	Assignments        int `json:"assignments"`
	Visits             int `json:"visits"` // visit records of every mode, 走访 or not (Settings.CountedModes)
	Problems           int `json:"problems"`
	ProblemsOpen       int `json:"problems_open"`
	ProblemsOverdue    int `json:"problems_overdue"`
	MeetingsRoundtable int `json:"meetings_roundtable"`
	MeetingsOnsite     int `json:"meetings_onsite"`
	MeetingsBank       int `json:"meetings_bank"`
	MeetingsPlanned    int `json:"meetings_planned"` // planned (计划), not yet held nor cancelled; the three above count held meetings only
	FinancingNeeds     int `json:"financing_needs"`
	BridgeLoans        int `json:"bridge_loans"`
	Notices            int `json:"notices"`
	Assessments        int `json:"assessments"`
	Imports            int `json:"imports"`
	Comments           int `json:"comments"`    // the city's 督办意见
	Departments        int `json:"departments"` // 责任单位 in the directories
	Holidays           int `json:"holidays"`    // days of the calendar that differ from Monday–Friday (Calendar.Holidays)
	// LoanApplications counts the live applications to the city fund
	// (bridge loans with CityFund) in the database: at a county its own,
	// at the city every county's it received.
	LoanApplications int `json:"loan_applications"`
	// Decisions counts the meetings' decisions followed up in the ledger
	// (problems of source SourceDecision); DecisionsOpen those still open.
	Decisions     int `json:"decisions"`
	DecisionsOpen int `json:"decisions_open"`
}

// Reader reads records. Lists leave out deleted records; a single record
// that is deleted or missing is ErrNotFound.
type Reader interface {
	// Office is the office this database belongs to, or ErrNotSetUp.
	Office(ctx context.Context) (Office, error)
	Settings(ctx context.Context) (Settings, error)

	Enterprise(ctx context.Context, id string) (Enterprise, error)
	Enterprises(ctx context.Context, f EnterpriseFilter) ([]Enterprise, error)
	Leader(ctx context.Context, id string) (Leader, error)
	Leaders(ctx context.Context, f LeaderFilter) ([]Leader, error)
	Assignment(ctx context.Context, id string) (Assignment, error)
	Assignments(ctx context.Context, f AssignmentFilter) ([]Assignment, error)
	Visit(ctx context.Context, id string) (Visit, error)
	Visits(ctx context.Context, f VisitFilter) ([]Visit, error)
	Problem(ctx context.Context, id string) (Problem, error)
	Problems(ctx context.Context, f ProblemFilter) ([]Problem, error)
	// Events is a problem's timeline, oldest first.
	Events(ctx context.Context, problemID string) ([]Event, error)
	Meeting(ctx context.Context, id string) (Meeting, error)
	Meetings(ctx context.Context, f MeetingFilter) ([]Meeting, error)
	FinancingNeed(ctx context.Context, id string) (FinancingNeed, error)
	FinancingNeeds(ctx context.Context, f FinancingFilter) ([]FinancingNeed, error)
	BridgeLoan(ctx context.Context, id string) (BridgeLoan, error)
	BridgeLoans(ctx context.Context, f LoanFilter) ([]BridgeLoan, error)
	Department(ctx context.Context, id string) (Department, error)
	// Departments lists live departments by office, then name.
	Departments(ctx context.Context, f DepartmentFilter) ([]Department, error)

	// Dashboard is the 工作台 on day today of office, or of every office
	// in this database when office is "".
	Dashboard(ctx context.Context, today Date, s Settings, office string) (Dashboard, error)
	Stats(ctx context.Context, today Date) (Stats, error)

	Comments(ctx context.Context, f CommentFilter) ([]Comment, error)
	// CalendarYears are the live years of holidays entered here or
	// received, of every office.
	CalendarYears(ctx context.Context) ([]CalendarYear, error)
	// LoanDecisions lists the city fund's decisions, newest first.
	LoanDecisions(ctx context.Context, f LoanDecisionFilter) ([]LoanDecision, error)
	// PublishedNotices lists the live published notices, the latest
	// published first.
	PublishedNotices(ctx context.Context) ([]PublishedNotice, error)
	// Search finds the live records of each kind of SearchKinds (in
	// that order, one SearchFound each) whose searched fields hold every
	// word, taken literally: the newest limit of each kind.
	Search(ctx context.Context, words []string, limit int) ([]SearchFound, error)
	// PublishedAssessments lists the live published assessments, by year
	// then office.
	PublishedAssessments(ctx context.Context) ([]PublishedAssessment, error)
	// HandScores lists the city's hand scores of year (they never leave
	// the city's database).
	HandScores(ctx context.Context, year int) ([]HandScore, error)

	// Attachments lists the live attachments of a record, in the order
	// they were added.
	Attachments(ctx context.Context, f AttachmentFilter) ([]Attachment, error)
	// Content is the stored content with SHA-256 hash (hex), or
	// ErrNotFound.
	Content(ctx context.Context, hash string) ([]byte, error)
	// HasContent reports whether the content with hash is stored.
	HasContent(ctx context.Context, hash string) (bool, error)
	// SentContent lists the hashes of the attachment contents already
	// sent to peer in sync files.
	SentContent(ctx context.Context, peer string) (map[string]bool, error)
	// History lists every change-log row of the record id, of any office,
	// oldest first; empty when the log has none (records of another office
	// arrive without their history).
	History(ctx context.Context, id string) ([]LoggedChange, error)
	// DeletedRecords lists the deletions in the change log of records
	// still deleted, newest first.
	DeletedRecords(ctx context.Context, f DeletedFilter) ([]LoggedChange, error)

	// Accounts lists the operator accounts of this database by name.
	Accounts(ctx context.Context) ([]Account, error)
	// Account is the account of that name, or ErrNotFound.
	Account(ctx context.Context, name string) (Account, error)

	// Keys are this office's secret keys, or ErrNotFound before they are made.
	Keys(ctx context.Context) (OfficeKeys, error)
	// Cards lists the cards of the offices this one trusts, by office code.
	Cards(ctx context.Context) ([]Card, error)
	// Card is the trusted card of office, or ErrNotFound.
	Card(ctx context.Context, office string) (Card, error)
	// Changes lists the latest state of each record of office whose last
	// change has a sequence above after, in sequence order; the highest
	// sequence of office's change log comes with them (0 when it is empty).
	Changes(ctx context.Context, office string, after int64) ([]Change, int64, error)
	// Versions maps the ID of each record of t owned by office, deleted or
	// not, to its stored version.
	Versions(ctx context.Context, t Table, office string) (map[string]int64, error)
	// SyncLog lists the sync log, newest first; peer, when set, keeps one
	// office's lines.
	SyncLog(ctx context.Context, peer string, limit int) ([]SyncEntry, error)
	// SyncByHash is the successful import of the file with hash, if any.
	SyncByHash(ctx context.Context, hash string) (SyncEntry, bool, error)

	// ImportWords lists the values remembered for workbook imports, by
	// column then the value as written.
	ImportWords(ctx context.Context) ([]ImportWord, error)
}

// Tx is one write transaction: everything done through it is saved together
// or not at all. Each Save inserts a record with no ID (giving it an ID, this
// office as owner and version 1) or updates one (refusing another office's
// record, or a version other than the stored one, then adding one to it).
// Every write adds a change-log row with this office's next sequence number.
type Tx interface {
	Reader
	// SetUp makes the database this office's; it is refused once set up
	// for another office.
	SetUp(o Office) error
	SaveSettings(s Settings) error
	// SaveEnterprise refuses a credit code another live enterprise has.
	SaveEnterprise(e *Enterprise) error
	// NewID is the ID of a record not yet saved: one saved with it and
	// Version 0 is inserted under it (a record that others must name in
	// the same write, as a meeting its decisions' problems).
	NewID() string
	SaveLeader(l *Leader) error
	SaveAssignment(a *Assignment) error
	SaveVisit(v *Visit) error
	// SaveProblem gives a new problem its ledger number.
	SaveProblem(p *Problem) error
	SaveEvent(e *Event) error
	SaveMeeting(m *Meeting) error
	SaveFinancingNeed(n *FinancingNeed) error
	SaveBridgeLoan(l *BridgeLoan) error
	SaveDepartment(d *Department) error
	SaveComment(c *Comment) error
	SaveCalendarYear(y *CalendarYear) error
	// SaveLoanDecision saves the city fund's decision on an application
	// stored here; only the city may.
	SaveLoanDecision(d *LoanDecision) error
	// SavePublishedNotice saves a notice the city bureau publishes; only
	// the city may.
	SavePublishedNotice(n *PublishedNotice) error
	// SavePublishedAssessment saves an assessment the city bureau
	// publishes; only the city may.
	SavePublishedAssessment(a *PublishedAssessment) error
	// SaveHandScore saves (or replaces) a hand score of the city's; only
	// the city may.
	SaveHandScore(h HandScore) error
	// SaveAttachment saves an attachment of a live record whose content is
	// stored.
	SaveAttachment(a *Attachment) error
	// PutContent stores content under its SHA-256 hash (hex), once:
	// content already stored is left as it is. A hash that is not the
	// content's is refused.
	PutContent(hash string, content []byte) error
	// Delete marks a record as deleted (a tombstone that syncs).
	Delete(t Table, id string) error
	// Undelete brings back a deleted record of this office as a new
	// version (a change that syncs); it is refused with ErrNotOwner for a
	// record of another office, ErrNotDeleted for a live one. It checks
	// no references (Service.Undelete does).
	Undelete(t Table, id string) error

	// SaveKeys stores this office's secret keys, replacing none: it is
	// refused once keys exist.
	SaveKeys(k OfficeKeys) error
	// AddSM2Keys gives the office's keys, made before sync file format 2,
	// its SM2 keys (k's SM2Sign and SM2Decrypt); it is refused when there
	// are no keys or they have SM2 keys already.
	AddSM2Keys(k OfficeKeys) error
	// Trust registers (or replaces) the card of another office.
	Trust(c Card) error
	// SaveAccount adds an account or replaces the one of its name;
	// DeleteAccount removes one (ErrNotFound when there is none). Neither
	// writes the change log: accounts are not synced.
	SaveAccount(a Account) error
	DeleteAccount(name string) error
	// Put writes a record of another office exactly as its change carries
	// it (identity, version, times, tombstone), when its version is above
	// the stored one; it never writes this office's change log. A record of
	// this office is refused with ErrNotOwner.
	Put(c Change) error
	// PutAll does Put for each of cs in order, as fast as the store can,
	// and says how each went: errs[i] is Put's error for cs[i]. progress,
	// when set, is called now and then with the number done, the last
	// time with len(cs).
	PutAll(cs []Change, progress func(done int)) (errs []error)
	// LogSync adds a line to the sync log, giving it its ID.
	LogSync(e *SyncEntry) error
	// SaveImportWord remembers (or replaces) what a value of a workbook's
	// column means; it is not logged for sync.
	SaveImportWord(w ImportWord) error
}

// Store is the database of one office.
type Store interface {
	Reader
	// Update runs fn in one write transaction stamped with op; if fn returns
	// an error, nothing fn did is kept.
	Update(ctx context.Context, op Op, fn func(tx Tx) error) error
	// Backup writes a consistent copy of the database to path.
	Backup(ctx context.Context, path string) error
	// Restore replaces every record with those of the backup at path, in one
	// transaction; a file that is not a backup of this office changes nothing.
	Restore(ctx context.Context, path string) error
	Close() error
}
