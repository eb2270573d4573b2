package io.caimei.demo.generate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/** Plausible, unique, deterministic Chinese display names for the synthetic long tail (fictional, not real works). */
public final class NameGenerator {

    /**
     * The AI creation apps. The report describes 15 apps (6 image, 4 music, 4 "一语" series and others) but names
     * none, so these are invented in that mix.
     */
    public static final List<String> AI_APPS = List.of(
            "一语成片", "一语成曲", "一语成画", "一语成诗",
            "AI写真", "AI绘画", "魔法头像", "国风画像", "照片动起来", "AI证件照",
            "AI写歌", "AI翻唱", "智能编曲", "哼唱成曲",
            "彩铃DIY");

    private static final String[] SCENE_A = { "春日", "晚霞", "星空", "海边", "城市", "山间", "雨后", "故乡", "夏夜", "雪落",
        "微风", "花开", "云端", "江南", "古镇", "湖畔", "草原", "落日", "晨光", "深秋", "樱花", "竹林", "海岛", "大漠",
        "梯田", "江畔", "雪山", "街角", "月下", "烟雨" };
    private static final String[] SCENE_B = { "的风景", "漫步", "航拍", "日落", "花海", "小巷", "灯火", "时光", "旅行",
        "晨曦", "星河", "烟火", "云海", "慢生活", "倒影", "印象", "随拍", "之旅", "物语", "夜色", "微光", "美景", "人家",
        "长卷", "四季", "回忆", "初见", "暖阳", "清晨", "归途" };
    private static final String[] VARIANT = { "", "", "", " 4K", "（竖屏版）", "（彩铃版）", " 第二季", "（治愈版）" };

    private static final String[] SONG_A = { "想你的", "晚安", "远方的", "月光", "心跳", "青春", "约定", "回忆里的",
        "海风", "星光", "夏天的", "孤单", "温柔", "再见", "一路", "时间的", "微笑", "梦里的", "雨中", "永远的" };
    private static final String[] SONG_B = { "夜", "风", "你", "歌", "信", "花", "城", "光", "海", "路", "雪", "河",
        "人", "梦", "故事", "旋律", "约定", "街", "季节", "告白" };
    private static final String[] SURNAME = { "陈", "林", "周", "王", "李", "张", "刘", "杨", "赵", "黄", "吴", "徐",
        "孙", "胡", "朱", "高", "何", "郭", "马", "罗", "苏", "许", "沈", "韩" };
    private static final String[] GIVEN = { "子豪", "雨桐", "思远", "一鸣", "晓雯", "嘉怡", "浩然", "欣怡", "梓萱", "俊杰",
        "若溪", "星辰", "乐天", "语嫣", "天佑", "可馨", "安然", "明轩", "诗涵", "北辰" };

    private static final String[] SUB_TOPIC = { "美食", "旅行", "萌宠", "影视", "体育", "科技", "财经", "健身", "亲子",
        "国风", "音乐", "读书", "汽车", "家居", "摄影", "动漫", "历史", "健康", "职场", "数码" };
    private static final String[] SUB_SUFFIX = { "日报", "研究所", "说", "频道", "小站", "快讯", "指南", "观察", "百科",
        "速递", "圈", "星球" };
    private static final String[] NICK = { "阿星", "小鹿", "大橘", "糖糖", "阿木", "小满", "七七", "豆豆", "阿飞", "小葵",
        "木子", "南风", "小白", "阿九", "一一", "团子" };
    private static final String[] NICK_THING = { "的相册", "的日常", "看世界", "拍风景", "的彩铃", "的视界", "旅拍",
        "的小屋", "爱生活", "的镜头" };
    private static final String HANDLE_CHARS = "abcdefghijkmnpqrstuvwxyz23456789";

    private static final String[] BRAND_WORD = { "华彩", "星辰", "青禾", "云栖", "万象", "启明", "鲸落", "山海", "朗月",
        "知味", "泰和", "锦程" };
    private static final String[] INDUSTRY = { "手机", "汽车", "茶饮", "乳业", "家电", "银行", "美妆", "运动", "零食",
        "酒店", "保险", "电商" };
    private static final String[] BRAND_CAMPAIGN = { "新春焕新季", "618狂欢", "开学季", "国庆大促", "周年庆", "夏日焕新",
        "双11预热", "新品发布" };
    private static final String[] PLACE = { "黄山", "丽江古城", "张家界", "九寨沟", "西双版纳", "桂林山水", "敦煌", "洛阳",
        "平遥古城", "乌镇", "青海湖", "黔东南", "泉州", "长白山", "呼伦贝尔", "婺源", "喀纳斯", "三亚", "武夷山", "凤凰古城" };
    private static final String[] TOURISM_THEME = { "文旅季", "非遗节", "冰雪季", "花海节", "灯会", "美食节", "研学游",
        "音乐节" };

    private final SplittableRandom rng;
    private final Set<String> used = new HashSet<>();

    public NameGenerator(long seed) {
        this.rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    public String content() {
        return unique(() -> "《" + pick(SCENE_A) + pick(SCENE_B) + "》" + pick(VARIANT));
    }

    public String music() {
        return unique(() -> "《" + pick(SONG_A) + pick(SONG_B) + "》 " + person());
    }

    public String subscriptionAccount() {
        return unique(() -> pick(SUB_TOPIC) + pick(SUB_SUFFIX));
    }

    /** Mostly Chinese nicknames, sometimes a lowercase handle (the report's 视彩号 list has both). */
    public String shicaiAccount() {
        return unique(() -> rng.nextInt(10) < 7 ? pick(NICK) + pick(NICK_THING) : handle());
    }

    public String brandCampaign() {
        return unique(() -> pick(BRAND_WORD) + pick(INDUSTRY) + "·" + pick(BRAND_CAMPAIGN));
    }

    public String tourismCampaign() {
        return unique(() -> pick(PLACE) + "·" + pick(TOURISM_THEME));
    }

    public String musicCampaign() {
        return unique(() -> "《" + pick(SONG_A) + pick(SONG_B) + "》 " + person() + " 新歌首发");
    }

    private String person() {
        return pick(SURNAME) + pick(GIVEN);
    }

    private String handle() {
        int n = 6 + rng.nextInt(6);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(HANDLE_CHARS.charAt(rng.nextInt(HANDLE_CHARS.length())));
        }
        return b.toString();
    }

    private String pick(String[] words) {
        return words[rng.nextInt(words.length)];
    }

    /** Draws until unused; after a few collisions numbers the name ({@code …（2）}) so any count works. */
    private String unique(Supplier<String> draw) {
        for (int attempt = 0; attempt < 20; attempt++) {
            String name = draw.get();
            if (used.add(name)) {
                return name;
            }
        }
        String base = draw.get();
        for (int n = 2;; n++) {
            String name = base + "（" + n + "）";
            if (used.add(name)) {
                return name;
            }
        }
    }
}
