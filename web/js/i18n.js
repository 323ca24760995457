// i18n.js — the words of the UI in Thai (first) and English, and the language
// switch (ไทย/EN), kept in localStorage so that it persists across visits.

const KEY = 's40.lang';

const WORDS = {
	app_name: ['ประกันสังคมมาตรา 40', 'Section 40 social security'],
	app_tag: ['หนึ่งตำบล หนึ่งหมู่บ้าน ประกันสังคมถ้วนหน้า', 'One Tambon, One Village, Universal Social Security'],
	login: ['เข้าสู่ระบบ', 'Log in'],
	logout: ['ออกจากระบบ', 'Log out'],
	user_name: ['ชื่อผู้ใช้', 'User name'],
	password: ['รหัสผ่าน', 'Password'],
	login_failed: ['ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง', 'Wrong user name or password'],
	nav_dashboard: ['ภาพรวม', 'Dashboard'],
	nav_areas: ['พื้นที่', 'Areas'],
	nav_search: ['ค้นหาบุคคล', 'Find a person'],
	nav_enrol: ['สมัครสมาชิก', 'Enrol'],
	nav_pay: ['รับชำระเงินสมทบ', 'Record a payment'],
	nav_survey: ['สำรวจหมู่บ้าน', 'Village survey'],
	nav_targets: ['เป้าหมาย', 'Targets'],
	nav_import: ['นำเข้าไฟล์', 'Import'],
	nav_statement: ['แถลงผลงาน', 'Statement'],
	menu: ['เมนู', 'Menu'],
	role: ['บทบาท', 'Role'],
	area: ['พื้นที่', 'Area'],
	whole_country: ['ทั้งประเทศ', 'the whole country'],
	as_of: ['ณ วันที่', 'As of'],
	show: ['แสดง', 'Show'],
	loading: ['กำลังโหลด…', 'Loading…'],
	not_available: ['ยังไม่มีบริการนี้บนเซิร์ฟเวอร์นี้', 'Not available on this server'],
	not_available_hint: ['ส่วนนี้จะแสดงเมื่อเซิร์ฟเวอร์มีบริการ %s', 'This section appears once the server offers %s'],
	members_today: ['ผู้ประกันตนมาตรา 40', 'Section 40 members'],
	members_unit: ['คน', 'people'],
	by_area: ['แยกตามพื้นที่', 'By area'],
	fy_attainment: ['ผลการรับสมัครรายใหม่เทียบเป้าหมาย ปีงบประมาณ %s', 'New members against the target, fiscal year %s'],
	target: ['เป้าหมาย', 'Target'],
	new_members: ['สมัครใหม่', 'New members'],
	cumulative: ['สะสม', 'Cumulative'],
	target_line: ['เส้นเป้าหมาย', 'Target line'],
	no_target: ['ยังไม่ได้กำหนดเป้าหมายของปีงบประมาณ %s', 'No target is set for fiscal year %s'],
	set_target: ['กำหนดเป้าหมาย', 'Set the target'],
	fully_covered: ['หมู่บ้านประกันสังคมถ้วนหน้า', 'Fully covered villages'],
	tambons: ['หนึ่งตำบล หนึ่งหมู่บ้าน', 'One Tambon, One Village'],
	tambons_achieved: ['ตำบลที่มีหมู่บ้านถ้วนหน้า %s จาก %s ตำบล', '%s of %s subdistricts have a fully covered village'],
	villages_covered: ['%s หมู่บ้าน', '%s villages'],
	lapsed: ['ผู้ประกันตนที่ต้องติดตาม (ค้างชำระ/ขาดส่ง)', 'Members to follow up (in arrears / lapsed)'],
	lapsed_count: ['%s คน', '%s people'],
	drill: ['เจาะลึกรายพื้นที่', 'Drill down'],
	coverage: ['ความครอบคลุม', 'Coverage'],
	attainment: ['ผลงานเทียบเป้า', 'Attainment'],
	village: ['หมู่บ้าน', 'Village'],
	residents: ['ผู้อยู่อาศัยในทะเบียน', 'Residents in the register'],
	my_recruits: ['ผู้ที่ท่านชักชวนในหมู่บ้านนี้', 'The people you recruited in this village'],
	volunteer_sees: ['อาสาสมัครเห็นรายชื่อเฉพาะผู้ที่ตนชักชวน ตัวเลขของหมู่บ้านด้านบนนับทุกคน', 'A volunteer sees by name only the people it recruited; the village\'s figures above count everyone'],
	prospects: ['รายชื่อเป้าหมายเยี่ยมบ้าน', 'Prospects to visit'],
	fully_covered_yes: ['หมู่บ้านประกันสังคมถ้วนหน้า ✓', 'Fully covered ✓'],
	fully_covered_no: ['ยังไม่ถ้วนหน้า', 'Not fully covered'],
	since: ['ตั้งแต่', 'since'],
	download_csv: ['ดาวน์โหลด CSV', 'Download CSV'],
	download_xlsx: ['ดาวน์โหลด Excel', 'Download Excel'],
	search_q: ['เลขประจำตัวประชาชน หรือชื่อ', 'National ID or name'],
	search: ['ค้นหา', 'Search'],
	no_results: ['ไม่พบข้อมูล', 'Nothing found'],
	person: ['ข้อมูลบุคคล', 'Person'],
	national_id: ['เลขประจำตัวประชาชน', 'National ID'],
	name: ['ชื่อ–นามสกุล', 'Name'],
	title: ['คำนำหน้า', 'Title'],
	first_th: ['ชื่อ', 'First name'],
	last_th: ['นามสกุล', 'Last name'],
	birth_date: ['วันเกิด', 'Birth date'],
	sex: ['เพศ', 'Sex'],
	male: ['ชาย', 'Male'],
	female: ['หญิง', 'Female'],
	phone: ['โทรศัพท์', 'Phone'],
	address: ['ที่อยู่', 'Address'],
	memberships: ['ประวัติการเป็นผู้ประกันตน', 'Membership history'],
	exclusions: ['สิทธิอื่น', 'Other schemes'],
	start: ['เริ่ม', 'Start'],
	end: ['สิ้นสุด', 'End'],
	end_reason: ['เหตุที่สิ้นสุด', 'End reason'],
	option: ['ทางเลือก', 'Option'],
	option_n: ['ทางเลือกที่ %s', 'Option %s'],
	recruiter: ['ผู้ชักชวน (เลขประจำตัวประชาชน)', 'Recruiter (national ID)'],
	channel: ['ช่องทาง', 'Channel'],
	ledger: ['เงินสมทบรายเดือน', 'Contributions month by month'],
	standing: ['สถานะการส่งเงินสมทบ', 'Standing'],
	benefit_check: ['ตรวจสิทธิประโยชน์', 'Benefit check'],
	benefit_case: ['กรณี', 'Case'],
	event_date: ['วันที่เกิดเหตุ', 'Date of the event'],
	days: ['จำนวนวัน', 'Days'],
	check: ['ตรวจสอบ', 'Check'],
	enrol_title: ['สมัครผู้ประกันตนมาตรา 40', 'Enrol in Section 40'],
	id_hint: ['พิมพ์ได้ทั้งมีขีด เว้นวรรค หรือเลขไทย', 'Dashes, spaces or Thai digits are fine'],
	id_ok: ['เลขประจำตัวถูกต้อง', 'The ID is valid'],
	id_new: ['ยังไม่มีในทะเบียน กรอกข้อมูลบุคคลด้านล่าง', 'Not in the register yet: fill in the person below'],
	id_known: ['มีในทะเบียนแล้ว: %s', 'In the register: %s'],
	id_member: ['เป็นผู้ประกันตนมาตรา 40 อยู่แล้ว ตั้งแต่ %s', 'Already a Section 40 member since %s'],
	id_excluded: ['มีสิทธิอื่นอยู่ (%s) จึงสมัครมาตรา 40 ไม่ได้', 'Covered by another scheme (%s): cannot join Section 40'],
	id_short: ['ต้องมี 13 หลัก (ตอนนี้ %s หลัก)', 'Needs 13 digits (%s so far)'],
	id_bad_check: ['เลขตรวจสอบ (หลักที่ 13) ไม่ถูกต้อง ควรเป็น %s', 'The check digit (13th) is wrong: it should be %s'],
	id_bad_type: ['เลขขึ้นต้นด้วย 0 หรือ 9 ไม่ใช่บัตรประจำตัวประชาชน', 'IDs starting with 0 or 9 are not personal ID cards'],
	id_bad_char: ['มีอักขระที่ไม่ใช่ตัวเลข', 'Holds characters that are not digits'],
	district: ['อำเภอ', 'District'],
	subdistrict: ['ตำบล', 'Subdistrict'],
	province: ['จังหวัด', 'Province'],
	choose: ['— เลือก —', '— choose —'],
	enrol_date: ['วันที่สมัคร', 'Date of enrolment'],
	submit_enrol: ['บันทึกการสมัคร', 'Save the enrolment'],
	enrolled: ['สมัครเรียบร้อย: %s เป็นผู้ประกันตนมาตรา 40 ทางเลือกที่ %s ตั้งแต่ %s', 'Enrolled: %s is a Section 40 member, option %s, from %s'],
	fix_fields: ['กรุณาแก้ไขช่องที่มีข้อความสีแดง', 'Please correct the fields marked in red'],
	required: ['ต้องกรอกช่องนี้', 'This field is required'],
	date_hint: ['วว/ดด/ปปปป (พ.ศ.) เช่น 31/10/2562', 'dd/mm/yyyy (Buddhist era), e.g. 31/10/2562'],
	date_bad: ['วันที่ไม่ถูกต้อง: %s', 'Not a valid date: %s'],
	calendar: ['เลือกวันที่จากปฏิทิน', 'Pick a date from the calendar'],
	prev_month: ['เดือนก่อน', 'Previous month'],
	next_month: ['เดือนถัดไป', 'Next month'],
	close: ['ปิด', 'Close'],
	pay_title: ['รับชำระเงินสมทบ', 'Record a payment'],
	months_from: ['งวดเดือนแรก', 'First month paid'],
	months_to: ['งวดเดือนสุดท้าย', 'Last month paid'],
	amount: ['จำนวนเงิน (บาท)', 'Amount (baht)'],
	receipt: ['เลขที่ใบเสร็จ', 'Receipt number'],
	paid_date: ['วันที่ชำระ', 'Date paid'],
	save: ['บันทึก', 'Save'],
	saved: ['บันทึกแล้ว', 'Saved'],
	survey_title: ['บันทึกการสำรวจหมู่บ้าน', 'Record a village survey'],
	survey_date: ['วันที่สำรวจ', 'Survey date'],
	survey_file: ['ไฟล์รายชื่อผู้อยู่อาศัย (CSV)', 'Residents file (CSV)'],
	targets_title: ['กำหนดและกระจายเป้าหมาย', 'Set and allocate targets'],
	fiscal_year: ['ปีงบประมาณ (พ.ศ.)', 'Fiscal year (BE)'],
	allocate: ['กระจายเป้าหมายให้พื้นที่ย่อยตามสัดส่วนผู้มีสิทธิ', 'Allocate to the areas below by eligible residents'],
	import_title: ['นำเข้าไฟล์ CSV', 'Import a CSV file'],
	import_kind: ['ชนิดข้อมูล', 'Kind of data'],
	import_file: ['ไฟล์ CSV', 'CSV file'],
	import_partial: ['นำเข้าแถวที่ถูกต้อง แม้มีบางแถวผิด', 'Import the good rows even if some are bad'],
	import_start: ['เริ่มนำเข้า', 'Start the import'],
	import_running: ['กำลังนำเข้า…', 'Importing…'],
	import_done: ['นำเข้าเสร็จ: รับ %s แถว ปฏิเสธ %s แถว', 'Done: %s rows accepted, %s rejected'],
	import_rolled_back: ['ไม่ได้บันทึกอะไรเลย เพราะมีแถวที่ผิด (ทั้งหมดหรือไม่มีเลย)', 'Nothing was saved because some rows are bad (all or nothing)'],
	download_rejects: ['ดาวน์โหลดไฟล์แถวที่ถูกปฏิเสธ', 'Download the rejected rows'],
	kind_persons: ['บุคคล', 'persons'],
	kind_enrolments: ['การสมัคร', 'enrolments'],
	kind_exclusions: ['สิทธิอื่น (ม.33/39 ฯลฯ)', 'exclusions (s.33/39 …)'],
	kind_villages: ['รายชื่อหมู่บ้าน', 'villages'],
	kind_payments: ['การชำระเงินสมทบ (ไฟล์จากธนาคาร/เคาน์เตอร์)', 'Payments (a bank or counter file)'],
	kind_survey: ['ผลการสำรวจหมู่บ้าน', 'Village survey'],
	import_map: ['การจับคู่คอลัมน์ (ถ้าหัวตารางของไฟล์ไม่ตรง)', "Column map (when the file's headers differ)"],
	import_map_hint: ['เช่น id=เลขบัตร,amount=ยอดเงิน,paid_date=วันที่รับชำระ', 'e.g. id=ID,amount=BAHT,paid_date=PAID'],
	statement_title: ['แถลงผลการดำเนินงาน', 'Progress statement'],
	copy: ['คัดลอก', 'Copy'],
	copied: ['คัดลอกแล้ว', 'Copied'],
	error: ['เกิดข้อผิดพลาด', 'Something went wrong'],
	forbidden: ['บทบาทนี้ไม่มีสิทธิใช้ส่วนนี้', 'This role may not use this part'],
	back: ['กลับ', 'Back'],
	open: ['เปิด', 'Open'],
	total: ['รวม', 'Total'],
	yes: ['ใช่', 'yes'],
	no: ['ไม่ใช่', 'no'],
	status_paying: ['ส่งเงินสมทบปกติ', 'paying'],
	status_arrears: ['ค้างชำระ', 'in arrears'],
	status_lapsed: ['ขาดส่ง', 'lapsed'],
	status_ended: ['สิ้นสุด', 'ended'],
	active_member: ['ผู้ประกันตนอยู่', 'active member'],
	not_member: ['ไม่ได้เป็นผู้ประกันตน', 'not a member'],
	lang_switch: ['English', 'ไทย'],
	skip: ['ข้ามไปยังเนื้อหา', 'Skip to the content'],
	sort_by: ['เรียงตาม %s', 'Sort by %s'],
	rows_n: ['%s แถว', '%s rows'],
	page_not_found: ['ไม่พบหน้านี้', 'No such page'],
	id_masked_note: ['เลขประจำตัวถูกปิดบางส่วนตามสิทธิของบทบาท', 'The ID is partly hidden for this role'],
	months_paid: ['เดือนที่ชำระ', 'months paid'],
	whole_number: ['ต้องเป็นจำนวนเต็มตั้งแต่ 0 ขึ้นไป', 'A whole number, 0 or more'],
	standing_on: ['สถานะการส่งเงินสมทบ', 'Contribution standing'],
	paid_in_last: ['ชำระใน 4 / 10 / 12 / 36 เดือนก่อนเดือนนี้', 'Paid in the last 4 / 10 / 12 / 36 months'],
	unpaid_run: ['ค้างติดต่อกัน', 'Unpaid in a row'],
	last_paid: ['เดือนล่าสุดที่ชำระ (ก่อนเดือนนี้)', 'Last month paid (before this month)'],
	membership: ['การเป็นผู้ประกันตน', 'Membership'],
	survey_saved: ['บันทึกการสำรวจแล้ว: ผู้อยู่อาศัย %s คน (เพิ่ม %s แก้ไข %s)', 'Survey saved: %s residents (%s added, %s changed)'],
	add_resident: ['+ เพิ่มผู้อยู่อาศัย', '+ Add a resident'],
	cover_s40: ['ผู้ประกันตนมาตรา 40', 'Section 40 members'],
	cover_excluded: ['มีหลักประกันอื่น', 'In another scheme'],
	cover_none: ['ยังไม่เป็นผู้ประกันตน', 'Not insured under Section 40'],
	allocate_hand: ['กระจายเป้าหมายเอง', 'Allocate by hand'],
	save_hand: ['บันทึกการกระจาย', 'Save the allocation'],
	hand_sum: ['รวม %s จากเป้าหมาย %s', '%s of the target %s'],
	survey_status: ['สถานะของผู้อยู่อาศัย', "Resident's status"],
	paid_through: ['ชำระถึงเดือน', 'Paid through'],
	months_n: ['%s เดือน', '%s months'],
};

let lang = (() => {
	try {
		return localStorage.getItem(KEY) === 'en' ? 'en' : 'th';
	} catch {
		return 'th';
	}
})();

/** The language in use: 'th' or 'en'. */
export function getLang() {
	return lang;
}

/** Switch the language and remember it. */
export function setLang(l) {
	lang = l === 'en' ? 'en' : 'th';
	try {
		localStorage.setItem(KEY, lang);
	} catch {
		/* private mode: the switch lasts for this page */
	}
	document.documentElement.lang = lang;
}

/** The text of key in the language in use, each %s replaced by the next argument. */
export function t(key, ...args) {
	const w = WORDS[key];
	let s = w ? w[lang === 'en' ? 1 : 0] : key;
	for (const a of args)
		s = s.replace('%s', String(a));
	return s;
}

/** Pick the Thai or the English of a pair (an API object's *_th / *_en). */
export function pick(th, en) {
	if (lang === 'en')
		return en || th || '';
	return th || en || '';
}
