/**
 * Traditional → simplified, one character to one character, for the words that occur in this
 * domain (IT, government, transport, health, industry, money, places) plus the most frequent
 * general characters: ~650 pairs. Coverage: the traditional characters of the most common ~2,500
 * Chinese characters that have a single, unambiguous simplified form; characters whose simplified
 * form depends on the word (乾/幹, 著, 藉, 繫, 隻, 鬆, 闆, 瞭…) are left as they are. Not a full
 * OpenCC table: a rare traditional character simply does not fold (and is found only as written).
 *
 * Written as "繁简" pairs separated by spaces so that a reviewer can check each pair by eye.
 */
const PAIRS = `
資资 訊讯 數数 據据 網网 絡络 雲云 軟软 體体 電电 腦脑 機机 計计 碼码 庫库 統统 編编 輯辑 鍵键 盤盘
檔档 儲储 寬宽 頻频 線线 綫线 纜缆 傳传 輸输 號号 態态 環环 擬拟 虛虚 擴扩 張张 佈布 節节 點点 鏈链
區区 塊块 權权 驗验 證证 鑰钥 簽签 認认 識识 別别 圖图 視视 聲声 語语 譯译 檢检 測测 監监 報报 務务
雜杂 連连 結结 閘闸 鎖锁 開开 關关 閉闭 啟启 動动 載载 換换 轉转 運运 維维 護护 營营 銷销 購购 買买
賣卖 貨货 幣币 錢钱 銀银 帳账 單单 稅税 費费 額额 價价 經经 濟济 業业 產产 廠厂 製制 農农 礦矿 藥药
醫医 療疗 衛卫 災灾 應应 變变 園园 縣县 鄉乡 鎮镇 層层 級级 組组 織织 員员 會会 議议 協协 調调 辦办
處处 廳厅 館馆 學学 師师 隊队 軍军 審审 備备 專专 項项 標标 準准 規规 範范 劃划 設设 實实 現现 預预
決决 總总 績绩 獎奖 勵励 補补 貼贴 職职 稱称 書书 頒颁 發发 車车 輛辆 鐵铁 軌轨 橋桥 場场 導导 駕驾
駛驶 燈灯 紅红 綠绿 黃黄 診诊 斷断 癒愈 們们 這这 個个 來来 時时 間间 國国 對对 於于 與与 為为 從从
後后 裡里 裏里 麼么 樣样 種种 門门 戶户 說说 話话 讓让 還还 進进 過过 達达 遠远 邊边 當当 東东 長长
問问 題题 見见 覺觉 觀观 親亲 愛爱 歡欢 樂乐 氣气 風风 飛飞 馬马 魚鱼 鳥鸟 龍龙 島岛 灣湾 漢汉 陽阳
陰阴 華华 歲岁 萬万 億亿 兩两 無无 並并 頭头 尋寻 將将 倉仓 儀仪 優优 僅仅 偉伟 側侧 債债 傷伤 勞劳
勢势 勝胜 參参 雙双 圓圆 圍围 團团 執执 堅坚 壓压 壞坏 夢梦 夥伙 奪夺 奮奋 婦妇 媽妈 孫孙 寶宝 寫写
屬属 嶺岭 帥帅 帶带 幫帮 廣广 強强 彈弹 彙汇 匯汇 徑径 復复 複复 徵征 戰战 擊击 擔担 擁拥 擇择 攝摄
敗败 敵敌 條条 極极 構构 樹树 樓楼 歷历 曆历 歸归 殘残 沒没 況况 減减 溫温 滿满 潔洁 濕湿 爭争 爾尔
牆墙 獨独 獲获 獻献 畫画 盡尽 確确 礎础 禮礼 禦御 離离 積积 穩稳 窮穷 競竞 筆笔 築筑 簡简 類类 係系
紀纪 約约 紙纸 純纯 細细 終终 給给 絕绝 綜综 緊紧 練练 縮缩 繼继 續续 罰罚 聯联 聽听 肅肃 脅胁 舊旧
興兴 舉举 艱艰 葉叶 蓋盖 藝艺 蘇苏 蟲虫 術术 衝冲 裝装 覽览 訂订 討讨 訓训 記记 訪访 評评 試试 詢询
該该 詳详 誌志 誤误 課课 談谈 請请 論论 諮咨 謀谋 講讲 謝谢 讀读 貝贝 負负 財财 貢贡 責责 質质 販贩
貴贵 貿贸 賽赛 贏赢 趕赶 趨趋 跡迹 踐践 躍跃 較较 輔辅 輕轻 輪轮 轄辖 週周 違违 遞递 適适 遷迁 選选
遺遗 鄰邻 釋释 針针 鋼钢 錄录 錯错 鐘钟 鑑鉴 閒闲 閱阅 陸陆 陳陈 險险 隨随 隱隐 雖虽 雞鸡 難难 靈灵
靜静 響响 頁页 頂顶 順顺 須须 領领 顏颜 顧顾 顯显 飯饭 養养 餘余 驅驱 髮发 鬥斗 魯鲁 鹽盐 麗丽 麥麦
齊齐 齡龄 採采 掛挂 屆届 幾几 廢废 憑凭 懷怀 戲戏 揚扬 撥拨 擋挡 擠挤 擾扰 攜携 敘叙 斂敛 晉晋 暢畅
曉晓 柵栅 桿杆 棄弃 楊杨 榮荣 槍枪 樁桩 橫横 櫃柜 歐欧 殺杀 毀毁 氫氢 漁渔 滬沪 潤润 澤泽 濱滨 烏乌
煉炼 煙烟 熱热 燒烧 爐炉 犧牺 狀状 猶犹 瑪玛 畢毕 異异 盜盗 眾众 衆众 禍祸 禪禅 穀谷 窩窝 竊窃 籌筹
糧粮 糾纠 納纳 紐纽 緒绪 緣缘 緩缓 縱纵 繩绳 繪绘 繳缴 罷罢 羅罗 義义 習习 聖圣 聞闻 聰聪 脈脉 腳脚
膽胆 臉脸 臨临 艙舱 艦舰 莊庄 薦荐 薩萨 藍蓝 蘭兰 蝦虾 襲袭 覓觅 觸触 詞词 譜谱 譽誉 貓猫 貸贷 賀贺
賦赋 賴赖 贈赠 贊赞 趙赵 軒轩 軸轴 辭辞 邁迈 郵邮 鄭郑 醬酱 釣钓 鈴铃 鉛铅 銅铜 銘铭 鋪铺 鍋锅 鍛锻
鏡镜 鑄铸 閃闪 閣阁 闊阔 陣阵 隸隶 霧雾 韓韩 頓顿 頸颈 顆颗 飄飘 餵喂 饋馈 馮冯 駐驻 駱骆 騎骑 騰腾
驚惊 鬧闹 鮮鲜 鳳凤 鴨鸭 鵝鹅 鶴鹤 麵面 黨党 齒齿 龜龟 壩坝 壟垄 墾垦 飲饮 飼饲 餅饼 蠶蚕 鋰锂 鎂镁
孿孪 臺台 颱台 檯台 際际 構构 築筑 慶庆 廈厦 啓启 儲储 勳勋 團团 嚴严 壯壮 妝妆 寧宁 實实 憲宪
戀恋 搖摇 撫抚 攤摊 據据 敎教 樸朴 殼壳 氣气 漲涨 潛潜 濾滤 燦灿 瓊琼 礙碍 稟禀 筍笋 篩筛 緯纬
縫缝 繫系 纖纤 罈坛 羥羟 腸肠 膚肤 艷艳 蒼苍 蓮莲 蘋苹 觀观 謎谜 豐丰 贓赃 輻辐 轟轰 辯辩 郟郏
`;

/** [traditional, simplified] pairs, deduplicated, identity pairs dropped. */
export const TRADITIONAL_TO_SIMPLIFIED: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const pair of PAIRS.split(/\s+/)) {
    const [t, s] = [...pair];
    if (t && s && t !== s && [...pair].length === 2) m.set(t, s);
  }
  return m;
})();

/**
 * Characters that NFKC folds and that occur in Chinese text: full-width ASCII (！–～), the
 * ideographic space, circled and parenthesised numbers, Roman numerals. Used by the database to
 * fold document text the same way normalizeText folds a query (SQL has no NFKC).
 */
function compatibilityChars(): string[] {
  const out: string[] = ['\u3000'];
  const ranges: [number, number][] = [
    [0xff01, 0xff5e], // full-width ASCII
    [0x2460, 0x2473], // ①–⑳
    [0x2474, 0x2487], // ⑴–⒇
    [0x2160, 0x217f], // Ⅰ–ⅿ
    [0xffe0, 0xffe6], // ￠–￦
  ];
  for (const [a, b] of ranges) for (let c = a; c <= b; c++) out.push(String.fromCodePoint(c));
  return out;
}

/**
 * The per-character fold table the search index applies in SQL (search_fold): full-width and other
 * compatibility characters to their NFKC form (lowercase), traditional to simplified. Both sides
 * of a search (documents in SQL, queries in normalizeText) use this table, so they agree.
 */
export function searchFoldRows(): [from: string, to: string][] {
  const rows = new Map<string, string>();
  for (const c of compatibilityChars()) {
    const to = c.normalize('NFKC').toLowerCase();
    if (to !== c) rows.set(c, to);
  }
  for (const [t, s] of TRADITIONAL_TO_SIMPLIFIED) rows.set(t, s);
  return [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
